import Actions
import ConveyorTestSupport
import Flows
import Forge
import Foundation
import StateBranch
import Testing

/// The release issue's title follows `/version`: renamed once through the forge's issue edit, never again when a
/// heartbeat repeats one whose state was lost, only recorded by a dry run; and every forge call of the train is one
/// JSON line in the log file with the version, the step, the tool and the latency.
@Suite struct ReleaseTrainRenameTests {
    @Test(arguments: [ForgeKind.github, .gitea])
    func aRenameWhoseStateWasLostIsNotSentAgain(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind) { world in
            await world.forge.seedTag("v2.6.1")
            try await world.tick(friday("08:00:00"))
            let issue = try #require(try await world.trainData()?.issue)
            await world.say("/version 2.8.0", as: "alice", on: issue)

            // The heartbeat acts on the forge, then its state never reaches the branch (a lost push, a killed job).
            _ = try await TickJob.run(
                heartbeat: world.heartbeat(), at: friday("08:15:00"), selection: .all, location: world.location(),
                options: world.writeOptions, dryRun: true)
            #expect(await world.forge.issue(issue)?.title == "Release 2.8.0")
            #expect(try await world.trainData()?.version.description == "2.7.0")
            let issueEdits = await world.writes(to: "/issues/{issue_number}", "/issues/{index}")
            #expect(issueEdits.count == 1)
            #expect(issueEdits.first?.method == "PATCH")

            // The next heartbeat reads the same command again, finds the title and the message right, writes nothing.
            let before = await world.writes().count
            let redo = try await world.tick(friday("08:15:00"))
            #expect(await world.writes().count == before)
            #expect(!redo.changes.isEmpty)
            let data = try #require(try await world.trainData())
            #expect(data.version.description == "2.8.0")
            #expect(data.issue == issue)
            #expect(await world.releaseIssues().map(\.title) == ["Release 2.8.0"])
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func aDryRunRecordsTheRenameAndSendsNothing(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind) { world in
            await world.forge.seedTag("v2.6.1")
            try await world.tick(friday("08:00:00"))
            let issue = try #require(try await world.trainData()?.issue)
            await world.say("/version 3.0.0-rc.1", as: "alice", on: issue)
            let before = await world.writes().count
            let dryRun = DryRunForge(world.client(world.slug))
            let report = try await TickJob.run(
                heartbeat: world.heartbeat(forge: dryRun), at: friday("08:15:00"), selection: .all,
                location: world.location(), options: world.writeOptions, dryRun: true, dryRunForges: [dryRun])
            #expect(await world.writes().count == before)
            #expect(await world.forge.issue(issue)?.title == "Release 2.7.0")
            #expect(dryRun.writes.contains("edit #\(issue): title \"Release 3.0.0-rc.1\""))
            #expect(
                report.lines.contains { $0.contains("renamed #\(issue) \"Release 2.7.0\" to \"Release 3.0.0-rc.1\"") })
            #expect(report.lines.contains("would edit #\(issue): title \"Release 3.0.0-rc.1\""))
        }
    }

    /// Issue 11: "structured log lines carry `release_version`, `step`, `tool`, `latency_ms`", read back from the
    /// JSON-lines file a job's `CONVEYOR_LOG_FILE` names.
    @Test func everyTrainLogLineCarriesTheVersionStepToolAndLatency() async throws {
        try await TrainWorld.with(.github) { world in
            await world.forge.seedTag("v2.6.1")
            try await world.tick(friday("08:00:00"))
            let issue = try #require(try await world.trainData()?.issue)
            await world.say("/version 2.8.0", as: "alice", on: issue)
            try await world.tick(friday("08:15:00"))

            let file = try #require(world.log.file)
            let text = try String(contentsOf: file, encoding: .utf8)
            let objects = try text.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            }
            let train = objects.filter { $0["flow"] as? String == ReleaseTrainFlow.name }
            #expect(train.count >= 6)
            for object in train {
                #expect((object["release_version"] as? String).flatMap(SemanticVersion.init) != nil, "\(object)")
                #expect((object["step"] as? String)?.isEmpty == false, "\(object)")
                #expect((object["tool"] as? String)?.hasPrefix("forge.") == true, "\(object)")
                #expect(((object["latency_ms"] as? Int) ?? -1) >= 0, "\(object)")
                #expect(object["instance"] as? String == "2026-W49", "\(object)")
                #expect(object["result"] is String, "\(object)")
            }
            let steps = Set(train.compactMap { $0["step"] as? String })
            #expect(steps.isSuperset(of: ["propose-version", "open-release-issue", "retitle-release-issue"]))
            let versions = Set(train.compactMap { $0["release_version"] as? String })
            #expect(versions == ["2.7.0", "2.8.0"])
            #expect(
                train.contains {
                    $0["step"] as? String == "retitle-release-issue" && $0["tool"] as? String == "forge.updateIssue"
                })
        }
    }
}
