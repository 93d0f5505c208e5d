import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor run` and `conveyor plan` as an Actions job runs them: each kind of bad input or outage ends with the
/// exit status `docs/user-guide.md` documents, the same in both commands, and a message saying what to do.
@Suite(.timeLimit(.minutes(3)))
struct RunExitStatusTests {
    /// Writes `text` as an event payload in the world's scratch folder and returns its path.
    private static func payload(_ text: String, in world: RunWorld, name: String = "event.json") throws -> String {
        let file = world.scratch.appending(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// `plan` and `run` with `arguments`; both must exit `status`.
    private static func both(
        _ world: RunWorld, _ arguments: [String], _ extra: [String: String] = [:], exit status: Int32
    ) async throws -> (plan: ProcessOutput, run: ProcessOutput) {
        let plan = try await world.conveyor(["plan"] + arguments, extra)
        let run = try await world.conveyor(["run"] + arguments, extra)
        #expect(plan.status == status, "plan: \(plan.stdout)\n\(plan.stderr)")
        #expect(run.status == status, "run: \(run.stdout)\n\(run.stderr)")
        return (plan, run)
    }

    @Test func aPayloadThatIsNotJSONIs65InRunAsInPlan() async throws {
        try await RunWorld.with { world in
            let path = try Self.payload("{not json", in: world)
            let (_, run) = try await Self.both(world, ["--event-path", path], exit: 65)
            #expect(run.stderr.contains("::error::"))
        }
    }

    @Test(arguments: [["--mode", "bogus"], ["--issue", "0"], ["--stage", "nowhere"]])
    func flagsAreCheckedForEveryEvent(flags: [String]) async throws {
        try await RunWorld.with { world in
            let (plan, run) = try await Self.both(world, flags, exit: 65)
            #expect(plan.stderr.contains("`\(flags[0]) \(flags[1])`"), "\(plan.stderr)")
            #expect(!run.stderr.contains("SQL"))
            #expect(await world.forge.pulls().isEmpty)
        }
    }

    @Test(arguments: [
        #"{"inputs": {"issue": "1", "stage": "nowhere"}}"#, #"{"inputs": {"issue": "0", "stage": "intake"}}"#,
        #"{"inputs": {"issue": "1", "stage": "intake", "mode": "bogus"}}"#, #"{"inputs": {"stage": "intake"}}"#,
    ])
    func invalidDispatchInputsAre65(payload: String) async throws {
        try await RunWorld.with { world in
            let path = try Self.payload(payload, in: world)
            let (plan, _) = try await Self.both(
                world, ["--event-name", "workflow_dispatch", "--event-path", path], exit: 65)
            #expect(plan.stderr.contains("Input `"), "\(plan.stderr)")
        }
    }

    @Test func aTimeoutOutOfRangeIsRefusedByPlanAndRunAlike() async throws {
        let config = [".conveyor/config.yml": "stages:\n  intake:\n    timeout_minutes: 153722867280912930\n"]
        try await RunWorld.with { world in
            let checkout = world.scratch.appending("checkout/.conveyor")
            try FileManager.default.createDirectory(at: checkout, withIntermediateDirectories: true)
            try Data(config[".conveyor/config.yml"]!.utf8).write(to: checkout.appendingPathComponent("config.yml"))
            let root = checkout.deletingLastPathComponent().path
            let (plan, run) = try await Self.both(world, ["--repository-root", root], exit: 65)
            #expect(plan.stderr.contains(".conveyor/config.yml:3:"))
            #expect(run.stderr.contains("must be from 1 to 10080"))
        }
    }

    @Test func anUnknownAgentIs65() async throws {
        try await RunWorld.with { world in
            let run = try await world.conveyor(["run"], ["CONVEYOR_AGENT": "gemini"])
            #expect(run.status == 65, "\(run.stderr)")
            #expect(run.stderr.contains("gemini"))
        }
    }

    @Test func aBadSettingIs65AndNamesTheVariable() async throws {
        try await RunWorld.with { world in
            let run = try await world.conveyor(["run"], ["CONVEYOR_AGENT_TIMEOUT_SECONDS": "soon"])
            #expect(run.status == 65, "\(run.stderr)")
            #expect(run.stderr.contains("CONVEYOR_AGENT_TIMEOUT_SECONDS"))
        }
    }

    @Test func aTokenTheForgeRejectsFailsTheJobInsteadOfSkipping() async throws {
        try await RunWorld.with { world in
            let wrong = ["GITHUB_TOKEN": "ghp_wrongwrongwrongwrongwrongwrongwrong00"]
            let (plan, run) = try await Self.both(world, [], wrong, exit: 65)
            #expect(plan.stderr.contains("HTTP 401"))
            #expect(run.stderr.contains("wrong, expired or revoked"))
            #expect(!run.stderr.contains("ghp_wrong"))
        }
    }

    @Test func aForgeThatKeepsFailingIs75() async throws {
        try await RunWorld.with { world in
            await world.forge.inject(.status(503), on: .getIssue, times: 20)
            let run = try await world.conveyor(["run"])
            #expect(run.status == 75, "\(run.stderr)")
        }
    }

    @Test func aStatePushThatFailsIs4AndNamesThePendingFile() async throws {
        try await RunWorld.with { world in
            // Every push is held: the claim and the work branch go through, the final state record is refused, and
            // with no time to retry (deadline 0) the record goes to the pending file.
            let repository = "\(world.forge.owner)/\(world.forge.repo)"
            let pause = world.scratch.appending("pause-before-push")
            world.git.pushHolds.hold(repository, marker: pause)
            async let finished = world.conveyor(["run"], ["CONVEYOR_STATE_DEADLINE_MINUTES": "0"])
            for _ in 0..<2 {
                try await SignalledJob.waitForFile(pause)
                try FileManager.default.removeItem(at: pause)
            }
            try await SignalledJob.waitForFile(pause)
            world.git.pushHolds.refuse(repository)
            try Data("drop".utf8).write(to: pause)
            let run = try await finished
            world.git.pushHolds.release(repository)
            #expect(run.status == 4, "\(run.stderr)")
            #expect(run.stderr.contains("conveyor state replay"), "\(run.stderr)")
        }
    }

    @Test func theConfigurationsStateSectionDecidesWhereRunsAreRecorded() async throws {
        try await RunWorld.with { world in
            let root = world.scratch.appending("checkout")
            let folder = root.appendingPathComponent(".conveyor")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("state: {branch: ops/state, file: db/runs.sqlite}\n".utf8)
                .write(to: folder.appendingPathComponent("config.yml"))
            let run = try await world.conveyor(["run", "--repository-root", root.path])
            #expect(run.status == 0, "\(run.stderr)")
            let files = try GitCLI.run(["-C", world.bare.path, "ls-tree", "-r", "--name-only", "ops/state"])
            #expect(files.contains("db/runs.sqlite"))
            #expect(throws: (any Error).self) {
                try GitCLI.run(["-C", world.bare.path, "rev-parse", "--verify", "refs/heads/conveyor/state"])
            }
        }
    }
}
