import Foundation
import Gates
import Pipeline
import Synchronization
import Testing

@Suite struct CommandGateTests {
    private func stage(_ arguments: [String]) throws -> StageDefinition {
        var stage = try Stages.default(.intake)
        stage.gate = .command(arguments: arguments)
        return stage
    }

    @Test func exitZeroPassesAndRunsInTheWorkTree() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let stage = try stage(["make", "check"])
        try tree.writeArtifacts(of: stage)
        let calls = Mutex<[([String], String)]>([])
        let runner = CommandRunner { arguments, directory in
            calls.withLock { $0.append((arguments, directory.path)) }
            return .exited(0)
        }
        #expect(await Stages.evaluate(stage, in: tree, runner: runner).result == .pass)
        let recorded = calls.withLock { $0 }
        #expect(recorded.count == 1)
        #expect(recorded.first?.0 == ["make", "check"])
        #expect(recorded.first?.1 == tree.url.path)
    }

    @Test func nonZeroExitFailsWithTheStatus() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let stage = try stage(["make", "check"])
        try tree.writeArtifacts(of: stage)
        let verdict = await Stages.evaluate(stage, in: tree, runner: CommandRunner { _, _ in .exited(3) })
        #expect(verdict.result == .fail)
        #expect(verdict.reasons.map(\.code) == [.commandFailed])
        #expect(verdict.reasons.first?.message.contains("`make check` of stage `intake` exited with status 3") == true)
    }

    @Test func commandIsNotRunWhenArtifactsFail() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let verdict = await Stages.evaluate(try stage(["make", "check"]), in: tree)
        #expect(verdict.result == .fail)
        #expect(verdict.reasons.last?.code == .commandSkipped)
    }

    @Test func processRunnerReportsRealExitStatuses() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let runner = CommandRunner.process(timeout: .seconds(30))
        #expect(await runner(["sh", "-c", "test -d docs || exit 0"], in: tree.url) == .exited(0))
        #expect(await runner(["sh", "-c", "exit 7"], in: tree.url) == .exited(7))
        #expect(await runner(["no-such-command-for-conveyor"], in: tree.url) == .exited(127))
        #expect(await runner([], in: tree.url) == .couldNotStart("the command is empty"))
        try tree.write("x", at: "marker.txt")
        #expect(await runner(["test", "-f", "marker.txt"], in: tree.url) == .exited(0))
    }

    @Test func processRunnerStopsACommandThatHangs() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let runner = CommandRunner.process(timeout: .milliseconds(300), gracePeriod: .milliseconds(300))
        let clock = ContinuousClock()
        let start = clock.now
        // The child shell ignores SIGTERM, so only the SIGKILL to the whole group ends it and its `sleep`.
        let exit = await runner(["sh", "-c", "trap '' TERM; sleep 30; echo done > late.txt"], in: tree.url)
        #expect(exit == .timedOut(.milliseconds(300)))
        #expect(clock.now - start < .seconds(25), "the command sleeps 30 s; only the kill can end it sooner")
        try await Task.sleep(for: .milliseconds(200))
        #expect(!FileManager.default.fileExists(atPath: tree.url.appendingPathComponent("late.txt").path))
    }

    @Test func gateCommandsDoNotSeeCredentials() async throws {
        let environment = [
            "PATH": "/usr/bin:/bin", "GITHUB_TOKEN": "t", "gitea_token": "t", "INPUT_TOKEN": "t",
            "ANTHROPIC_API_KEY": "k", "MY_SECRET": "s", "HOME": "/tmp", "GITHUB_ENV": "/tmp/env",
            "GITHUB_OUTPUT": "/tmp/out", "SSH_AUTH_SOCK": "/tmp/agent", "AWS_PROFILE": "p", "SMTP_PASS": "x",
        ]
        #expect(CommandRunner.scrubbed(environment) == ["PATH": "/usr/bin:/bin", "HOME": "/tmp"])
        let tree = try WorkTree()
        defer { tree.remove() }
        let runner = CommandRunner.process(environment: CommandRunner.scrubbed(environment))
        #expect(await runner(["sh", "-c", "test -z \"$GITHUB_TOKEN$MY_SECRET\""], in: tree.url) == .exited(0))
    }
}
