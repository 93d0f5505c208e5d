import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor run` with the real Claude Code CLI (from PyPI `claude-agent-sdk`) talking to the scripted model
/// server on loopback: Claude's own `Write` tool creates the intake artifacts in the job's checkout.
@Suite(.serialized) struct RunClaudeTests {
    private static let configuration = "agent: {name: claude, model: claude-sonnet-4-5}\n"

    @Test func claudesWriteToolProducesTheArtifactsAndUsageAndCostReachTheStatusComment() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration]) { world in
            let checkout = try world.clonedCheckout()
            let writes = RunWorld.claudeIntakeWrites(into: checkout, body: "Written by Claude Code for the login page.")
            let server = try await ModelServer.start(
                script: ModelScript([
                    .tools(writes, usage: ModelUsage(input: 100, output: 20, cacheRead: 3, cacheCreation: 5)),
                    .text(
                        "The intake package is written.",
                        usage: ModelUsage(input: 150, output: 30, cacheRead: 4, cacheCreation: 6)),
                ]))
            let extra = try world.claudeVariables(server: server, checkout: checkout)
            let run = try await world.conveyor(["run"], extra)
            let requests = await server.requests()
            await server.stop()

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(requests.count == 2)
            let comment = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(comment.contains("gate verdict `pass`"), "\(comment)")
            // The CLI sums usage over both requests: input 250 + cache 7 + 11, output 50; Sonnet 4.5 list prices.
            #expect(comment.contains("tokens 318"), "\(comment)")
            #expect(comment.contains("cost $0.0015"), "\(comment)")
            let outputs = try String(contentsOf: world.outputFile, encoding: .utf8)
            #expect(outputs.contains("0.0015"))
            let branch = try #require(await world.forge.pulls().first?.head)
            let brief = try GitCLI.run(["-C", world.bare.path, "show", "\(branch):docs/work-items/1/intake/brief.md"])
            #expect(brief.contains("Written by Claude Code"))
        }
    }

    @Test func aModelAPIOutageIsExit75WithoutAVerdictOrABlockedLabel() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration]) { world in
            let checkout = try world.clonedCheckout()
            let server = try await ModelServer.start(
                script: ModelScript(
                    [.failure(status: 529, errorType: "overloaded_error", message: "Overloaded")],
                    whenExhausted: .repeatLast))
            let extra = try world.claudeVariables(server: server, checkout: checkout)
            let address = try #require(extra["ANTHROPIC_BASE_URL"])
            let run = try await world.conveyor(["run"], extra)
            await server.stop()

            #expect(run.status == 75, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(run.stderr.contains("Model API unavailable"))
            #expect(!run.stderr.contains(address) && !run.stdout.contains(address))
            #expect(await !world.forge.labels(issue: 1).contains("state:blocked"))
            #expect(await world.forge.pulls().isEmpty)
        }
    }

    @Test func aTimedOutClaudeRunIsResumedOnceVerboseWithItsDebugLogInTheTranscriptUnderRunnerTemp() async throws {
        let configuration =
            Self.configuration + "remediation: {mode: on, backoff_seconds: 0, max_auto_reruns: 2}\n"
        try await RunWorld.with(seed: [".conveyor/config.yml": configuration]) { world in
            let checkout = try world.clonedCheckout()
            let writes = RunWorld.claudeIntakeWrites(into: checkout, body: "Written on the verbose rerun.")
            // The first model call hangs past the agent's timeout; the verbose rerun gets the next replies.
            let server = try await ModelServer.start(
                script: ModelScript([
                    .stall(.seconds(90)),
                    .tools(writes, usage: ModelUsage(input: 100, output: 20)),
                    .text("Written.", usage: ModelUsage(input: 150, output: 30)),
                ]))
            var extra = try world.claudeVariables(server: server, checkout: checkout)
            extra["CONVEYOR_AGENT_TIMEOUT_SECONDS"] = "20"
            let run = try await world.conveyor(["run"], extra)
            await server.stop()

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            let rows = try RunSecretsTests.state(
                world,
                "SELECT f.class, m.action, m.result FROM failures f JOIN remediations m ON m.failure_id = f.id")
            #expect(rows == ["automation|verbose_resume|recovered"], "\(rows)")
            // The rerun's transcript, under RUNNER_TEMP, holds Claude Code's debug log and no API key.
            let logs =
                FileManager.default.enumerator(at: world.scratch.url, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.lastPathComponent == "claude-debug.log" } ?? []
            let log = try String(contentsOf: try #require(logs.first, "no claude-debug.log"), encoding: .utf8)
            #expect(log.contains("[API REQUEST] /v1/messages"), "\(log.prefix(400))")
            let key = try #require(extra["ANTHROPIC_API_KEY"])
            #expect(!log.contains(key))
        }
    }
}
