import ConveyorTestSupport
import Foundation
import Testing

/// A job killed after every side effect (branch, pull request, status comment, labels) but before its final state
/// commit recorded any of them, then rerun with `--mode resume`: the resumed run finds each effect by lookup, so
/// exactly one pull request and one comment, and the run completes.
@Suite struct RunResumeTests {
    /// Pushes the git server sees before the final state record (the state branch and the work branch share the
    /// repository): the claim and the work branch. The third, the final record, is where the job dies.
    static let pushesBeforeTheFinalRecord = 2

    @Test func aJobKilledBeforeItsFinalRecordResumesWithoutDuplicates() async throws {
        try await RunWorld.with { world in
            let pause = world.scratch.appending("pause-before-push")
            // The fake forge authors comments as the repository owner; name it so the status comment is recognised.
            let identity = ["CONVEYOR_SELF_LOGIN": world.forge.owner]
            let binary = try BuiltBinary.url()
            let variables = ProcessInfo.processInfo.environment.merging(world.variables) { $1 }.merging(identity) { $1 }
            let repository = "\(world.forge.owner)/\(world.forge.repo)"
            world.git.pushHolds.hold(repository, marker: pause)
            let paused = try await onOwnThread {
                try Self.runUntilPause(
                    number: Self.pushesBeforeTheFinalRecord + 1, binary: binary, variables: variables, pause: pause)
            }
            world.git.pushHolds.release(repository)
            #expect(paused, "the job reached its final state commit")
            #expect(await world.forge.pulls().count == 1)
            #expect(await world.forge.comments(issue: 1).count == 1)
            let commits = try GitCLI.run(["-C", world.bare.path, "rev-list", "--count", "conveyor/state"])
            #expect(commits == "1", "only the claim is recorded when the job dies")

            let resumed = try await world.conveyor(["run", "--mode", "resume"], identity)
            #expect(resumed.status == 0, "stdout: \(resumed.stdout)\nstderr: \(resumed.stderr)")
            #expect(await world.forge.pulls().count == 1)
            #expect(await world.forge.comments(issue: 1).count == 1)
            let runs = try await world.conveyor(["state", "runs"])
            #expect(runs.stdout.contains("succeeded (pass)"), "\(runs.stdout)")
        }
    }

    /// Starts `conveyor run`, lets it through `number - 1` held pushes, and SIGKILLs it at the next one, whose push
    /// the server then drops.
    private static func runUntilPause(number: Int, binary: URL, variables: [String: String], pause: URL) throws -> Bool
    {
        let null = URL(fileURLWithPath: "/dev/null")
        let child = try SpawnedChild.start(
            binary.path, ["run"], environment: variables, standardOutput: null, standardError: null)
        var seen = 0
        var ended: SpawnedChild.Termination?
        let deadline = Date().addingTimeInterval(60)
        func running() -> Bool {
            if ended == nil { ended = child.poll() }
            return ended == nil
        }
        while Date() < deadline, running() {
            if FileManager.default.fileExists(atPath: pause.path) {
                seen += 1
                if seen == number {
                    child.send(SIGKILL)
                    if ended == nil { _ = child.wait() }
                    try Data("drop".utf8).write(to: pause)
                    return true
                }
                try FileManager.default.removeItem(at: pause)
                // Wait for the job to notice and push before looking for the next pause.
                while running(), !FileManager.default.fileExists(atPath: pause.path), Date() < deadline {
                    usleep(10_000)
                }
                continue
            }
            usleep(10_000)
        }
        if running() {
            child.send(SIGKILL)
            _ = child.wait()
        }
        return false
    }
}
