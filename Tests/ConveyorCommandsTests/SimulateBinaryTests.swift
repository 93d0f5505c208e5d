import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor simulate`: the whole intake flow offline, as the README's demo runs it.
@Suite struct SimulateBinaryTests {
    @Test func theOfflineDemoPublishesTheIntakeStageAndRecordsIt() async throws {
        let scratch = try TemporaryDirectory(prefix: "simulate")
        defer { scratch.remove() }
        let demo = scratch.appending("demo")
        let binary = try BuiltBinary.url().path
        let output = try await onOwnThread {
            try ProcessRunner.run([binary, "simulate", "--directory", demo.path], environment: ["CONVEYOR_AGENT": ""])
        }
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("gate pass"))

        let forge = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: demo.appendingPathComponent("forge.json")))
                as? [String: Any])
        let comments = try #require(forge["comments"] as? [[String: Any]])
        #expect(comments.count == 1)
        #expect((comments.first?["body"] as? String)?.contains("<!-- conveyor:status:1 -->") == true)
        #expect((forge["pull_requests"] as? [Any])?.count == 1)

        let remote = demo.appendingPathComponent("remote.git")
        let branches = try GitCLI.run(["--git-dir", remote.path, "branch", "--list", "conveyor/*"])
        #expect(branches.contains("conveyor/1-let-people-export-their-notes-as-pdf"))
        #expect(branches.contains("conveyor/state"))
        _ = try GitCLI.run(["--git-dir", remote.path, "fsck", "--strict"])
        let runs = try ProcessRunner.run([binary, "state", "runs", "--state-remote", remote.absoluteString])
        #expect(runs.stdout.contains("succeeded (pass)"), "\(runs.stdout)\(runs.stderr)")

        let again = try ProcessRunner.run([binary, "simulate", "--directory", demo.path])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func throughOpsRunsTwelveStagesWithScriptedApprovalsAndReplayedDispatches() async throws {
        let scratch = try TemporaryDirectory(prefix: "simulate-ops")
        defer { scratch.remove() }
        let demo = scratch.appending("demo")
        let binary = try BuiltBinary.url().path
        let output = try await onOwnThread {
            try ProcessRunner.run(
                [binary, "simulate", "--through", "ops", "--directory", demo.path], environment: ["CONVEYOR_AGENT": ""])
        }
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("workflow_dispatch ops (sent by Conveyor) → ops on #1: gate pass"))
        #expect(output.stdout.components(separatedBy: "owner comments /approve").count - 1 == 11)
        let forge = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: demo.appendingPathComponent("forge.json")))
                as? [String: Any])
        #expect((forge["dispatches"] as? [Any])?.count == 11)
        #expect((forge["pull_requests"] as? [Any])?.count == 1)
        let remote = demo.appendingPathComponent("remote.git")
        let runs = try ProcessRunner.run([binary, "state", "runs", "--state-remote", remote.absoluteString])
        #expect(runs.stdout.components(separatedBy: "succeeded (pass)").count - 1 == 12, "\(runs.stdout)")
        let bad = try ProcessRunner.run([
            binary, "simulate", "--through", "nowhere", "--directory", scratch.appending("x").path,
        ])
        #expect(bad.status != 0 && bad.stderr.contains("not a stage"))
    }

    @Test func theReleaseTrainRunsOfflineFromFridayToTheBranchCut() async throws {
        let scratch = try TemporaryDirectory(prefix: "simulate-train")
        defer { scratch.remove() }
        let demo = scratch.appending("train")
        let binary = try BuiltBinary.url().path
        let output = try await onOwnThread {
            try ProcessRunner.run([binary, "simulate", "--release-train", "--directory", demo.path])
        }
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("NOT_STARTED → WAIT_START_APPROVAL"))
        #expect(output.stdout.contains("updated the approval message"))
        #expect(output.stdout.contains("WAIT_READINESS_CONFIRMATIONS → READY_FOR_BRANCH_CUT"))
        let forge = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: demo.appendingPathComponent("forge.json")))
                as? [String: Any])
        let milestones = try #require(forge["milestones"] as? [[String: Any]])
        #expect(milestones.map { $0["title"] as? String } == ["2.8.0"])
        let comments = try #require(forge["comments"] as? [[String: Any]])
        #expect(comments.filter { ($0["body"] as? String)?.contains("readiness -->") == true }.count == 1)
    }
}
