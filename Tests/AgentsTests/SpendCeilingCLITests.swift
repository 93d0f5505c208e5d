import Agents
import ConveyorTestSupport
import Foundation
import Pipeline
import Testing

/// The spend ceiling and verbose logging with the real CLIs against the scripted model servers on loopback: the
/// Codex CLI ended by Conveyor once the priced token totals reach the ceiling, Claude Code stopped by its own
/// `--max-budget-usd`, and the debug logs each CLI writes on a verbose run.
@Suite("Spend ceiling and verbose logging with the real CLIs", .serialized)
struct SpendCeilingCLITests {
    private static let codexModel = "scripted-codex-model"
    /// US dollars per million tokens for ``codexModel``.
    private static let prices = PriceTable([codexModel: PriceTable.Price(input: 2, cachedInput: 0.5, output: 8)])
    private static let claudeModel = "claude-sonnet-4-5"

    private static func runCodex(
        _ script: ResponsesScript, in fixture: AgentFixture, ceiling: SpendCeiling? = nil, verbose: Bool = false
    ) async throws -> (AgentOutcome, [RecordedModelRequest], [String: String]) {
        let server = try await ResponsesAPIServer.start(script: script)
        let cliEnvironment = server.cliEnvironment()
        var invocation = fixture.invocation(.codex, environment: fixture.parentEnvironment(cliEnvironment))
        invocation.codexExecutable = try CodexBinary.locate()
        invocation.model = codexModel
        invocation.prices = prices
        invocation.spendCeiling = ceiling
        invocation.verboseLogging = verbose
        let (outcome, requests) = try await runAgent(invocation, servedBy: server)
        return (outcome, requests, cliEnvironment)
    }

    private static func runClaude(
        _ script: ModelScript, in fixture: AgentFixture, ceiling: SpendCeiling? = nil, verbose: Bool = false
    ) async throws -> (AgentOutcome, [RecordedModelRequest], [String: String]) {
        let server = try await ModelServer.start(script: script)
        let cliEnvironment = server.cliEnvironment(home: fixture.home)
        var invocation = fixture.invocation(.claude, environment: fixture.parentEnvironment(cliEnvironment))
        invocation.claudeExecutable = try ClaudeBinary.locate()
        invocation.model = claudeModel
        invocation.spendCeiling = ceiling
        invocation.verboseLogging = verbose
        let (outcome, requests) = try await runAgent(invocation, servedBy: server)
        return (outcome, requests, cliEnvironment)
    }

    /// Four model responses, three of which run a command that writes `turn-N.txt`; each reports its own usage.
    private static let fourCodexTurns = ResponsesScript([
        .exec(callID: "call_1", command: "printf 1 > turn-1.txt", usage: ResponsesUsage(input: 1000, output: 100)),
        .exec(
            callID: "call_2", command: "printf 2 > turn-2.txt",
            usage: ResponsesUsage(input: 1500, cachedInput: 500, output: 60)),
        .exec(callID: "call_3", command: "printf 3 > turn-3.txt", usage: ResponsesUsage(input: 2000, output: 70)),
        .message("All written.", usage: ResponsesUsage(input: 2500, output: 10)),
    ])

    /// Turns 1 and 2 of ``fourCodexTurns`` together: input 2500 (500 of it cached), output 160.
    private static let firstTwoCodexTurns = TokenUsage(input: 2000, output: 160, cacheRead: 500)
    /// Their price: (2000 × $2 + 500 × $0.50 + 160 × $8) per million = $0.00553 (turn 1 alone: $0.0028).
    private static let firstTwoCodexTurnsCost: Double = 5530 / 1_000_000

    @Test("A dollar ceiling crossed on the Codex CLI's second response of four ends the CLI before the third request")
    func codexStopsAtTheDollarCeiling() async throws {
        try await AgentFixture.with { fixture in
            let (outcome, requests, _) = try await Self.runCodex(
                Self.fourCodexTurns, in: fixture, ceiling: SpendCeiling(usd: 0.005))

            guard case .budgetExhausted(let reason) = outcome.status else {
                Issue.record("expected budgetExhausted, got \(outcome.status)")
                return
            }
            #expect(reason.contains("$0.0055") && reason.contains("$0.0050"), "\(reason)")
            #expect(requests.count == 2, "no request after the ceiling was reached: \(requests.count)")
            #expect(outcome.exit?.ceilingReached != nil)
            #expect(outcome.exit?.timedOut == false)
            #expect(outcome.usage == Self.firstTwoCodexTurns)
            #expect(abs((outcome.costUSD ?? 0) - Self.firstTwoCodexTurnsCost) < 1e-12, "\(outcome.costUSD ?? 0)")
            #expect(outcome.subtype == "budget_exhausted")
            #expect(fixture.workFile("turn-1.txt") == "1")
            #expect(fixture.workFile("turn-2.txt") == "2")
            #expect(fixture.workFile("turn-3.txt") == nil)
            let home = fixture.logs.appendingPathComponent("codex-home").path
            #expect(ProcessState.running(withEnvironmentEntry: "CODEX_HOME=\(home)").isEmpty)
        }
    }

    @Test("A token ceiling stops the Codex CLI the same way; below the ceiling a run is untouched")
    func codexStopsAtTheTokenCeiling() async throws {
        try await AgentFixture.with { fixture in
            // Turn 1 uses 1100 tokens, turns 1 and 2 together 2660.
            let (outcome, requests, _) = try await Self.runCodex(
                Self.fourCodexTurns, in: fixture, ceiling: SpendCeiling(tokens: 2000))
            #expect(outcome.status.name == "budget_exhausted", "\(outcome.status)")
            #expect(requests.count == 2)
            #expect(outcome.usage == Self.firstTwoCodexTurns)
        }
        try await AgentFixture.with { fixture in
            let (outcome, requests, _) = try await Self.runCodex(
                Self.fourCodexTurns, in: fixture, ceiling: SpendCeiling(usd: 1, tokens: 1_000_000))
            #expect(outcome.status == .succeeded, "\(outcome.status)")
            #expect(requests.count == 4)
            #expect(outcome.usage.fullInput + outcome.usage.output == 7000 + 240)
        }
    }

    @Test("Claude Code stops itself at --max-budget-usd after its second model call of four; the whole spend is kept")
    func claudeStopsAtItsBudget() async throws {
        try await AgentFixture.with { fixture in
            // Each call: 100 000 input tokens at $3 and 100 output tokens at $15 per million = $0.3015.
            let usage = ModelUsage(input: 100_000, output: 100)
            let script = ModelScript(
                (1...3).map { turn in
                    .tools(
                        [
                            .write(
                                id: "toolu_\(turn)",
                                filePath: fixture.work.appendingPathComponent("turn-\(turn).md").path,
                                content: "\(turn)\n")
                        ], usage: usage)
                } + [.text("All written.", usage: usage)])
            let (outcome, requests, _) = try await Self.runClaude(script, in: fixture, ceiling: SpendCeiling(usd: 0.5))

            guard case .budgetExhausted(let reason) = outcome.status else {
                Issue.record("expected budgetExhausted, got \(outcome.status)")
                return
            }
            #expect(reason.contains("Reached maximum budget"), "\(reason)")
            #expect(requests.filter(\.isMessages).count == 2)
            #expect(outcome.subtype == "error_max_budget_usd")
            // The result's own `usage` holds only the last call; `modelUsage` has both.
            #expect(outcome.usage == TokenUsage(input: 200_000, output: 200))
            #expect(abs((outcome.costUSD ?? 0) - 0.603) < 1e-9, "\(outcome.costUSD ?? 0)")
            #expect(fixture.workFile("turn-1.md") == "1\n")
            #expect(fixture.workFile("turn-3.md") == nil)
        }
    }

    @Test("A verbose Codex run succeeds with the CLI's debug log in stderr.log, and no API key in any transcript file")
    func codexVerbose() async throws {
        try await AgentFixture.with { fixture in
            let script = ResponsesScript([
                .exec(callID: "call_1", command: "printf A > a.md", usage: ResponsesUsage(input: 100, output: 10)),
                .message("Done.", usage: ResponsesUsage(input: 120, output: 5)),
            ])
            let (outcome, _, cliEnvironment) = try await Self.runCodex(script, in: fixture, verbose: true)
            #expect(outcome.status == .succeeded, "\(outcome.status)")
            #expect(fixture.workFile("a.md") == "A")
            let log = try String(contentsOf: outcome.transcript.standardError, encoding: .utf8)
            #expect(log.contains(" DEBUG "), "RUST_LOG=debug gave no debug lines: \(log.prefix(500))")
            #expect(log.contains("codex_core"))
            // The debug log names every connection the CLI starts: none leaves loopback (no plugin sync).
            #expect(!log.contains("ls-remote"), "the CLI synced its plugins")
            let outside = log.split(separator: "\n").filter { $0.contains("starting new connection: https://") }
            #expect(outside.isEmpty, "the CLI connected beyond loopback: \(outside)")
            let key = try #require(cliEnvironment["OPENAI_API_KEY"])
            for file in [outcome.transcript.standardOutput, outcome.transcript.standardError] {
                #expect(!(try String(contentsOf: file, encoding: .utf8)).contains(key), "\(file.lastPathComponent)")
            }
        }
    }

    @Test("A verbose Claude run succeeds with the CLI's debug log in the transcript, the result still parsed, no key")
    func claudeVerbose() async throws {
        try await AgentFixture.with { fixture in
            let script = ModelScript([.text("Nothing to do.", usage: ModelUsage(input: 10, output: 2))])
            let (outcome, requests, cliEnvironment) = try await Self.runClaude(script, in: fixture, verbose: true)
            #expect(outcome.status == .succeeded, "\(outcome.status)")
            #expect(requests.filter(\.isMessages).count == 1)
            #expect(outcome.resultText == "Nothing to do.")
            let debug = try String(contentsOf: outcome.transcript.claudeDebugLog, encoding: .utf8)
            #expect(debug.contains("[API REQUEST] /v1/messages"), "\(debug.prefix(500))")
            let key = try #require(cliEnvironment["ANTHROPIC_API_KEY"])
            for file in [
                outcome.transcript.claudeDebugLog, outcome.transcript.standardOutput,
                outcome.transcript.standardError,
            ] {
                #expect(!(try String(contentsOf: file, encoding: .utf8)).contains(key), "\(file.lastPathComponent)")
            }
        }
    }
}
