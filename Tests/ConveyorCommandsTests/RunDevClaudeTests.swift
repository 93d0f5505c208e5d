import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// The dev stage's fix loop with the real Claude Code CLI against the scripted model server: its `Write` tool adds
/// `multiply` wrongly, the repository's test fails, the next attempt's prompt carries the failure, and its second
/// `Write` fixes it.
@Suite(.serialized) struct RunDevClaudeTests {
    /// A call of Claude Code's `Read` tool.
    static func read(_ id: String, _ path: String) -> ModelContent {
        .toolUse(id: id, name: "Read", input: ["file_path": .string(path)])
    }

    @Test func claudeFixesAFailingTestOnItsSecondAttempt() async throws {
        let config = """
            agent: {name: claude, model: claude-sonnet-4-5}
            commands:
              test: {run: "python3 -m unittest -q", timeout_minutes: 5}
            dev: {max_dev_attempts: 2, ci: {mode: off}}

            """
        let seed = RunDevStageTests.project.merging([".conveyor/config.yml": config]) { $1 }
        try await RunWorld.with(seed: seed, label: "run:dev") { world in
            let checkout = try world.clonedCheckout()
            let (broken, test) = RunDevStageTests.change(broken: true)
            let (fixed, _) = RunDevStageTests.change(broken: false)
            let calc = checkout.appendingPathComponent("calc.py").path
            let testFile = checkout.appendingPathComponent("test_calc.py").path
            let usage = ModelUsage(input: 100, output: 20, cacheRead: 0, cacheCreation: 0)
            let server = try await ModelServer.start(
                script: ModelScript([
                    // Claude Code's Write refuses to replace a file the session has not read: read, then write.
                    .tools([Self.read("toolu_read_1", calc), Self.read("toolu_read_2", testFile)], usage: usage),
                    .tools(
                        [
                            ModelContent.write(id: "toolu_calc_1", filePath: calc, content: broken),
                            ModelContent.write(id: "toolu_test_1", filePath: testFile, content: test),
                        ], usage: usage),
                    .text("multiply is added.", usage: usage),
                    .tools([Self.read("toolu_read_3", calc)], usage: usage),
                    .tools([ModelContent.write(id: "toolu_calc_2", filePath: calc, content: fixed)], usage: usage),
                    .text("multiply is fixed.", usage: usage),
                ]))
            let extra = try world.claudeVariables(server: server, checkout: checkout)
            let run = try await world.conveyor(["run"], extra)
            let requests = await server.requests().filter(\.isMessages)
            await server.stop()

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(requests.count == 6)
            let secondPrompt = requests.count > 3 ? requests[3].userTexts.joined(separator: "\n") : ""
            #expect(secondPrompt.contains("AssertionError: 5 != 6"), "\(secondPrompt.suffix(1500))")
            #expect(secondPrompt.contains("python3 -m unittest -q"))
            let branch = try #require(await world.forge.pulls().first?.head)
            let verify = world.scratch.appending("verify")
            try GitCLI.run(["clone", "--quiet", "--branch", branch, world.bare.path, verify.path])
            let tests = try ProcessRunner.run(["python3", "-m", "unittest", "-q"], in: verify)
            #expect(tests.status == 0, "\(tests.stderr)")
            let summary = try String(
                contentsOf: verify.appendingPathComponent("docs/work-items/1/dev/change-summary.md"), encoding: .utf8)
            #expect(summary.contains("number: 2\n    status: passed"))
        }
    }
}
