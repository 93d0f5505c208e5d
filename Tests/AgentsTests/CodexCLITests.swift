import Agents
import ConveyorTestSupport
import Foundation
import Pipeline
import Testing

/// The real Codex CLI against the scripted Responses API server on loopback.
@Suite("Codex CLI", .serialized)
struct CodexCLITests {
    /// A model name the CLI does not know, so it offers `exec_command` and no `apply_patch`.
    private static let model = "scripted-codex-model"
    /// Prices for ``model``, in US dollars per million tokens.
    private static let prices = PriceTable([model: PriceTable.Price(input: 2, cachedInput: 0.5, output: 8)])

    private static func run(
        _ script: ResponsesScript, in fixture: AgentFixture, prompt: String = "Write the docs.",
        environment extra: [String: String] = [:], timeout: Duration = .seconds(60)
    ) async throws -> (AgentOutcome, [RecordedModelRequest]) {
        let codex = try CodexBinary.locate()
        let server = try await ResponsesAPIServer.start(script: script)
        var invocation = fixture.invocation(
            .codex, prompt: prompt,
            environment: fixture.parentEnvironment(server.cliEnvironment().merging(extra) { _, new in new }))
        invocation.codexExecutable = codex
        invocation.model = model
        invocation.prices = prices
        invocation.timeout = timeout
        return try await runAgent(invocation, servedBy: server)
    }

    /// The failure reason of `outcome`, recording an issue when it did not fail.
    private static func failureReason(_ outcome: AgentOutcome) -> String? {
        guard case .failed(let reason) = outcome.status else {
            Issue.record("expected .failed, got \(outcome.status)")
            return nil
        }
        return reason
    }

    @Test("The CLI's exec_command tool writes the artifacts in the work tree; tokens, session and cost are parsed")
    func writesArtifacts() async throws {
        try await AgentFixture.with { fixture in
            let command =
                "mkdir -p docs/work-items/7/intake && printf -- '---\\ntype: problem\\n---\\n# Problem\\n' > "
                + "docs/work-items/7/intake/problem.md && printf '# Brief\\n' > docs/work-items/7/intake/brief.md"
            let script = ResponsesScript([
                .exec(
                    callID: "call_write", command: command,
                    usage: ResponsesUsage(input: 1200, cachedInput: 200, output: 40, reasoningOutput: 8)),
                .message(
                    "Both documents are written.",
                    usage: ResponsesUsage(input: 1500, cachedInput: 1000, output: 12, reasoningOutput: 0)),
            ])
            let prompt = "Write the intake documents for work item 7 (marker 9c2e)."
            let (outcome, requests) = try await Self.run(script, in: fixture, prompt: prompt)

            #expect(outcome.status == .succeeded)
            #expect(outcome.exitStatus == 0)
            #expect(fixture.workFile("docs/work-items/7/intake/problem.md") == "---\ntype: problem\n---\n# Problem\n")
            #expect(fixture.workFile("docs/work-items/7/intake/brief.md") == "# Brief\n")
            #expect(outcome.resultText == "Both documents are written.")
            // turn.completed sums the two responses; cached tokens are part of input_tokens.
            #expect(outcome.usage == TokenUsage(input: 2700 - 1200, output: 52, cacheRead: 1200))
            #expect(outcome.usage.fullInput == 2700)
            let dollars: Double = 1500 * 2 + 1200 * 0.5 + 52 * 8
            let expectedCost = dollars / 1_000_000
            #expect(abs((outcome.costUSD ?? 0) - expectedCost) < 1e-12)
            #expect(outcome.report?.model == Self.model)
            let sessionID = try #require(outcome.sessionID)
            #expect(UUID(uuidString: sessionID) != nil, "thread_id \(sessionID)")

            try #require(requests.count == 2)
            #expect(requests.allSatisfy { $0.isResponses && $0.model == Self.model && $0.isStreaming })
            #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer sk-scripted-dummy-key" })
            #expect(requests[0].toolNames.contains("exec_command"))
            #expect(requests[0].inputTexts.contains { $0.contains("marker 9c2e") })
            let output = try #require(requests[1].functionCallOutputs["call_write"])
            #expect(output.contains("Process exited with code 0"), "\(output)")

            // The CLI got its own CODEX_HOME with Conveyor's configuration, and added its trust table to it.
            let configuration = try String(
                contentsOf: fixture.logs.appendingPathComponent("codex-home/config.toml"), encoding: .utf8)
            #expect(configuration.contains("request_max_retries = 0"))
            #expect(configuration.contains("[projects."))
        }
    }

    @Test("Tool commands get the scrubbed environment: no forge token, and their own TMPDIR")
    func scrubbedEnvironment() async throws {
        try await AgentFixture.with { fixture in
            let script = ResponsesScript([
                .exec(callID: "call_env", command: "env > seen-env.txt", usage: ResponsesUsage(input: 10, output: 2)),
                .message("Listed.", usage: ResponsesUsage(input: 10, output: 2)),
            ])
            let extra = ["GITHUB_TOKEN": "ghs_scripted_forge_token", "CONVEYOR_MARKER": "kept-7f3a"]
            let (outcome, _) = try await Self.run(script, in: fixture, environment: extra)
            #expect(outcome.status == .succeeded)
            #expect(outcome.withheldVariables.contains("GITHUB_TOKEN"))
            let seen = try #require(fixture.workFile("seen-env.txt"))
            #expect(!seen.contains("ghs_scripted_forge_token"))
            // One allow-list for every agent (ChildEnvironment): a name not on it stays behind.
            #expect(!seen.contains("CONVEYOR_MARKER"))
            #expect(outcome.withheldVariables.contains("CONVEYOR_MARKER"))
            #expect(seen.contains("PATH="))
            #expect(seen.contains("TMPDIR=\(fixture.logs.appendingPathComponent("codex-tmp").path)"))
        }
    }

    @Test("The sandbox refuses writes outside the work tree (and in /tmp); a run whose only call failed fails")
    func sandboxRefusesOutsideWrites() async throws {
        try await AgentFixture.with { fixture in
            let outside = fixture.scratch.appending("outside.md").path
            let inTmp = "/tmp/conveyor-codex-escape-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: inTmp) }
            let script = ResponsesScript([
                .exec(
                    callID: "call_escape", command: "printf escaped > \(inTmp); printf escaped > \(outside)",
                    usage: ResponsesUsage(input: 10, output: 2)),
                .message("Wrote it.", usage: ResponsesUsage(input: 10, output: 2)),
            ])
            let (outcome, requests) = try await Self.run(script, in: fixture)
            #expect(!FileManager.default.fileExists(atPath: outside))
            #expect(!FileManager.default.fileExists(atPath: inTmp))
            #expect(outcome.exitStatus == 0, "the CLI itself reports success")
            let reason = try #require(Self.failureReason(outcome))
            #expect(reason.hasPrefix("tool_calls_failed: every tool call failed (1 of 1)"), "\(reason)")
            #expect(reason.contains("Read-only file system"), "\(reason)")
            let output = try #require(requests.last?.functionCallOutputs["call_escape"])
            #expect(output.contains("Process exited with code 1"), "\(output)")
        }
    }

    @Test(
        "Without bwrap on PATH every tool call exits 101 and nothing is written; the run fails though the CLI exits 0")
    func sandboxUnavailable() async throws {
        try await AgentFixture.with { fixture in
            let emptyPath = fixture.scratch.appending("empty-bin")
            try FileManager.default.createDirectory(at: emptyPath, withIntermediateDirectories: true)
            let script = ResponsesScript([
                .exec(callID: "call_write", command: "printf A > a.md", usage: ResponsesUsage(input: 10, output: 2)),
                .message("Wrote a.md.", usage: ResponsesUsage(input: 10, output: 2)),
            ])
            let (outcome, _) = try await Self.run(script, in: fixture, environment: ["PATH": emptyPath.path])
            #expect(fixture.workFile("a.md") == nil)
            #expect(outcome.exitStatus == 0)
            let reason = try #require(Self.failureReason(outcome))
            #expect(reason.hasPrefix("tool_calls_failed: every tool call failed (1 of 1)"), "\(reason)")
            #expect(reason.contains("exited 101"), "\(reason)")
            #expect(reason.contains("bubblewrap is unavailable"), "\(reason)")
        }
    }

    @Test("A reply without tool calls writes nothing: the agent succeeds and the gate is left to notice")
    func noFilesWritten() async throws {
        try await AgentFixture.with { fixture in
            let script = ResponsesScript([
                .message("I have written the documents.", usage: ResponsesUsage(input: 30, output: 6))
            ])
            let (outcome, requests) = try await Self.run(script, in: fixture)
            #expect(outcome.status == .succeeded)
            #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.work.path).isEmpty)
            #expect(outcome.resultText == "I have written the documents.")
            #expect(outcome.usage == TokenUsage(input: 30, output: 6))
            #expect(requests.count == 1)
        }
    }

    @Test("An API 500 with retries off fails fast with one request and the CLI's message")
    func serverError() async throws {
        try await AgentFixture.with { fixture in
            let script = ResponsesScript([.failure(status: 500, message: "scripted outage")])
            let (outcome, requests) = try await Self.run(script, in: fixture)
            #expect(outcome.exitStatus == 1)
            let reason = try #require(Self.failureReason(outcome))
            // The CLI does not show a 5xx body; it words the failure itself.
            #expect(reason.hasPrefix("turn_failed: "), "\(reason)")
            #expect(requests.count == 1, "CONVEYOR_CODEX_MAX_RETRIES=0 allows no retry")
            #expect(outcome.exit.map { $0.elapsed < .seconds(15) } == true, "the CLI's own retries take ~25 s")
        }
    }

    @Test("An API 401 fails with the status and the server's message")
    func authenticationFailure() async throws {
        try await AgentFixture.with { fixture in
            let script = ResponsesScript([.failure(status: 401, message: "scripted: invalid API key")])
            let (outcome, requests) = try await Self.run(script, in: fixture)
            let reason = try #require(Self.failureReason(outcome))
            #expect(reason.hasPrefix("turn_failed, API error 401: "), "\(reason)")
            #expect(reason.contains("scripted: invalid API key"), "\(reason)")
            #expect(outcome.report?.apiErrorStatus == 401)
            #expect(requests.count == 1)
        }
    }

    @Test("Without OPENAI_API_KEY the CLI fails before any request, naming the variable")
    func missingAPIKey() async throws {
        try await AgentFixture.with { fixture in
            let script = ResponsesScript([.message("unreachable", usage: ResponsesUsage(input: 1, output: 1))])
            let server = try await ResponsesAPIServer.start(script: script)
            var environment = fixture.parentEnvironment(server.cliEnvironment())
            environment["OPENAI_API_KEY"] = nil
            var invocation = fixture.invocation(.codex, environment: environment)
            invocation.codexExecutable = try CodexBinary.locate()
            let outcome = try await AgentRunner.run(invocation)
            let requests = await server.requests()
            await server.stop()
            let reason = try #require(Self.failureReason(outcome))
            #expect(reason.contains("Missing environment variable: `OPENAI_API_KEY`"), "\(reason)")
            #expect(requests.isEmpty)
        }
    }

    @Test("A model that hangs past the timeout ends the CLI's whole process group")
    func hangingModel() async throws {
        try await AgentFixture.with { fixture in
            let script = ResponsesScript([.stall(.seconds(30))])
            let (outcome, requests) = try await Self.run(script, in: fixture, timeout: .seconds(3))
            #expect(outcome.status == .timedOut)
            #expect(outcome.exit.map { $0.elapsed < .seconds(20) } == true, "the stall lasts 30 s")
            #expect(requests.isEmpty, "the stalled request never got an answer")
            // Every process of the run carried this run's CODEX_HOME; none may be left.
            let home = fixture.logs.appendingPathComponent("codex-home").path
            #expect(ProcessState.running(withEnvironmentEntry: "CODEX_HOME=\(home)").isEmpty)
        }
    }

    @Test("A tool command that hangs past the timeout is ended with the CLI")
    func hangingCommand() async throws {
        try await AgentFixture.with { fixture in
            let marker = "conveyor-hang-\(UUID().uuidString.prefix(8))"
            let script = ResponsesScript([
                .exec(
                    callID: "call_hang", command: "printf started > started.txt; CONVEYOR_HANG=\(marker) sleep 120",
                    usage: ResponsesUsage(input: 10, output: 2)),
                .message("Slept.", usage: ResponsesUsage(input: 10, output: 2)),
            ])
            let (outcome, _) = try await Self.run(script, in: fixture, timeout: .seconds(4))
            #expect(outcome.status == .timedOut)
            #expect(outcome.exit.map { $0.elapsed < .seconds(20) } == true)
            #expect(fixture.workFile("started.txt") == "started", "the command ran before the timeout")
            // The sleep carried the marker in its environment; it must not outlive the run.
            let entry = "CONVEYOR_HANG=\(marker)"
            let deadline = ContinuousClock.now + .seconds(3)
            while !ProcessState.running(withEnvironmentEntry: entry).isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(ProcessState.running(withEnvironmentEntry: entry).isEmpty, "the sleep outlived the run")
        }
    }

    @Test("A missing CLI is an error that says how to install it")
    func missingExecutable() async throws {
        try await AgentFixture.with { fixture in
            var invocation = fixture.invocation(.codex)
            invocation.codexExecutable = fixture.scratch.appending("no-such-codex").path
            let error = await #expect(throws: AgentError.self) { try await AgentRunner.run(invocation) }
            #expect(error?.code == .executableNotFound)
            #expect(error?.message.contains("scripts/install-agent-clis") == true)
        }
    }
}
