import Agents
import ConveyorTestSupport
import Foundation
import Testing

/// The real Claude Code CLI against the scripted model server on loopback.
@Suite("Claude Code CLI", .serialized)
struct ClaudeCLITests {
    /// Claude Sonnet 4.5's list prices per million tokens, which the CLI uses for `total_cost_usd`.
    private static let model = "claude-sonnet-4-5"

    private static func run(
        _ script: ModelScript, in fixture: AgentFixture, maxTurns: Int? = nil, prompt: String = "Write the docs.",
        timeout: Duration = .seconds(60)
    ) async throws -> (AgentOutcome, [RecordedModelRequest]) {
        let claude = try ClaudeBinary.locate()
        let server = try await ModelServer.start(script: script)
        var invocation = fixture.invocation(
            .claude, prompt: prompt,
            environment: fixture.parentEnvironment(server.cliEnvironment(home: fixture.home)))
        invocation.claudeExecutable = claude
        invocation.model = model
        invocation.maxTurns = maxTurns
        invocation.timeout = timeout
        return try await runAgent(invocation, servedBy: server)
    }

    @Test("Claude's own Write tool creates the scripted artifacts; usage, turns, session and cost are parsed")
    func writesArtifacts() async throws {
        try await AgentFixture.with { fixture in
            let problem = fixture.work.appendingPathComponent("docs/work-items/7/intake/problem.md").path
            let brief = fixture.work.appendingPathComponent("docs/work-items/7/intake/brief.md").path
            let script = ModelScript([
                .tools(
                    [
                        .write(id: "toolu_problem", filePath: problem, content: "---\ntype: problem\n---\n# Problem\n"),
                        .write(id: "toolu_brief", filePath: brief, content: "---\ntype: brief\n---\n# Brief\n"),
                    ], usage: ModelUsage(input: 100, output: 20, cacheRead: 3, cacheCreation: 5)),
                .text(
                    "Both documents are written.",
                    usage: ModelUsage(input: 150, output: 30, cacheRead: 4, cacheCreation: 6)),
            ])
            let prompt = "Write the intake documents for work item 7 (marker 5f1c)."
            let (outcome, requests) = try await Self.run(script, in: fixture, prompt: prompt)

            #expect(outcome.status == .succeeded)
            #expect(outcome.exitStatus == 0)
            #expect(fixture.workFile("docs/work-items/7/intake/problem.md") == "---\ntype: problem\n---\n# Problem\n")
            #expect(fixture.workFile("docs/work-items/7/intake/brief.md") == "---\ntype: brief\n---\n# Brief\n")
            #expect(outcome.resultText == "Both documents are written.")
            #expect(outcome.isError == false)
            #expect(outcome.subtype == "success")
            // Claude Code 2.1.330 counts a turn per tool result plus the final answer: 2 calls + 1 = 3 (one call
            // per request gives 2), though the model was asked only twice.
            #expect(outcome.numTurns == 3)
            // The CLI sums every request's usage: input and cache counts from message_start, output from
            // message_delta.
            #expect(outcome.usage == TokenUsage(input: 250, output: 50, cacheRead: 7, cacheCreation: 11))
            // $3 / $15 / $0.30 / $3.75 per million input / output / cache-read / cache-write tokens.
            let inputCost: Double = 250 * 3 + 7 * 0.3 + 11 * 3.75
            let expectedCost: Double = (inputCost + 50 * 15) / 1_000_000
            #expect(abs((outcome.costUSD ?? 0) - expectedCost) < 1e-12)
            #expect(outcome.report?.model == Self.model)

            let paths = Set(requests.map(\.path))
            #expect(paths == ["/v1/messages"], "the CLI called \(paths)")
            let messages = requests.filter(\.isMessages)
            #expect(messages.count == 2)
            let sessionID = try #require(outcome.sessionID)
            #expect(UUID(uuidString: sessionID) != nil)
            #expect(messages.allSatisfy { $0.headers["x-claude-code-session-id"] == sessionID })
            #expect(messages.allSatisfy { $0.model == Self.model && $0.isStreaming })
            #expect(messages[0].userTexts.contains { $0.contains("marker 5f1c") })
            let results = messages[1].toolResults
            #expect(results.keys.sorted() == ["toolu_brief", "toolu_problem"])
            #expect(results["toolu_problem"]?.contains("File created successfully") == true)
        }
    }

    @Test("Only the file tools are offered to the model; Bash and web tools are not")
    func offersFileToolsOnly() async throws {
        try await AgentFixture.with { fixture in
            let script = ModelScript([.text("Nothing to do.", usage: ModelUsage(input: 10, output: 2))])
            let (outcome, requests) = try await Self.run(script, in: fixture)
            #expect(outcome.status == .succeeded)
            let first = try #require(requests.filter(\.isMessages).first)
            #expect(Set(first.toolNames) == ["Read", "Write", "Edit", "Glob", "Grep"])
        }
    }

    @Test("A write outside the work tree is refused and reported in permission_denials")
    func refusesWritesOutsideWorkTree() async throws {
        try await AgentFixture.with { fixture in
            let outside = fixture.scratch.appending("outside.md").path
            let script = ModelScript([
                .tools(
                    [.write(id: "toolu_escape", filePath: outside, content: "escaped\n")],
                    usage: ModelUsage(input: 10, output: 2)),
                .text("Tried.", usage: ModelUsage(input: 10, output: 2)),
            ])
            let (outcome, requests) = try await Self.run(script, in: fixture)
            #expect(!FileManager.default.fileExists(atPath: outside))
            #expect(outcome.report?.permissionDenials == [PermissionDenial(toolName: "Write", filePath: outside)])
            #expect(requests.filter(\.isMessages).count == 2)
        }
    }

    @Test("An API 401 gives is_error true with subtype success, which is a failure with the status in the reason")
    func authenticationFailure() async throws {
        try await AgentFixture.with { fixture in
            let script = ModelScript([
                .failure(status: 401, errorType: "authentication_error", message: "invalid x-api-key")
            ])
            let (outcome, _) = try await Self.run(script, in: fixture)
            #expect(outcome.isError == true)
            #expect(outcome.subtype == "success")
            #expect(outcome.exitStatus == 1)
            guard case .failed(let reason) = outcome.status else {
                Issue.record("expected .failed, got \(outcome.status)")
                return
            }
            // The CLI words the message itself ("Invalid API key · …"); the status comes from api_error_status.
            #expect(reason.hasPrefix("API error 401: "))
            #expect(outcome.report?.apiErrorStatus == 401)
            #expect(outcome.resultText?.isEmpty == false)
        }
    }

    @Test("A model API that keeps answering 500 is an outage, not a failed run; the CLI's retries are bounded")
    func serverErrorIsAModelOutage() async throws {
        try await AgentFixture.with { fixture in
            let script = ModelScript(
                [.failure(status: 500, errorType: "api_error", message: "scripted outage")], whenExhausted: .repeatLast)
            let clock = ContinuousClock()
            let start = clock.now
            let (outcome, requests) = try await Self.run(script, in: fixture, timeout: .seconds(120))
            guard case .modelUnavailable(let reason) = outcome.status else {
                Issue.record("expected .modelUnavailable, got \(outcome.status)")
                return
            }
            #expect(reason.contains("HTTP 500"))
            #expect(!reason.contains("127.0.0.1"), "the API's address is not published")
            #expect(outcome.report?.apiErrorStatus == 500)
            // CLAUDE_CODE_MAX_RETRIES=2: the first call and two retries, not the CLI's default ten.
            #expect(requests.filter(\.isMessages).count <= 1 + 2, "\(requests.count) requests")
            #expect(clock.now - start < .seconds(100))
        }
    }

    @Test("Running out of turns gives subtype error_max_turns and a failure")
    func maxTurns() async throws {
        try await AgentFixture.with { fixture in
            let path = fixture.work.appendingPathComponent("loop.md").path
            let script = ModelScript(
                [
                    .tools(
                        [.write(id: "toolu_loop", filePath: path, content: "again\n")],
                        usage: ModelUsage(input: 10, output: 2))
                ],
                whenExhausted: .repeatLast)
            let (outcome, _) = try await Self.run(script, in: fixture, maxTurns: 2)
            #expect(outcome.subtype == "error_max_turns")
            #expect(outcome.isError == true)
            #expect(outcome.report?.errors == ["Reached maximum number of turns (2)"])
            guard case .failed(let reason) = outcome.status else {
                Issue.record("expected .failed, got \(outcome.status)")
                return
            }
            #expect(reason.hasPrefix("error_max_turns"))
        }
    }

    @Test("A model that hangs past the timeout ends the CLI's whole process group")
    func hangingModel() async throws {
        try await AgentFixture.with { fixture in
            let script = ModelScript([.stall(.seconds(30))])
            let (outcome, requests) = try await Self.run(script, in: fixture, timeout: .seconds(3))
            #expect(outcome.status == .timedOut)
            #expect(outcome.exit.map { $0.elapsed < .seconds(20) } == true, "the stall lasts 30 s")
            #expect(requests.isEmpty, "the stalled request never got an answer")
            // Every process of the run carried this fixture's HOME; none may be left.
            #expect(ProcessState.running(withEnvironmentEntry: "HOME=\(fixture.home.path)").isEmpty)
        }
    }

    @Test("A missing CLI is an error that says how to install it")
    func missingExecutable() async throws {
        try await AgentFixture.with { fixture in
            var invocation = fixture.invocation(.claude)
            invocation.claudeExecutable = fixture.scratch.appending("no-such-claude").path
            let error = await #expect(throws: AgentError.self) { try await AgentRunner.run(invocation) }
            #expect(error?.code == .executableNotFound)
            #expect(error?.message.contains("scripts/install-agent-clis") == true)
        }
    }
}
