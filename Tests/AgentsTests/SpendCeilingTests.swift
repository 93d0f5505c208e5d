import Foundation
import Pipeline
import Testing

@testable import Agents

/// The spend ceiling's pieces without a CLI: when a ceiling is reached, how a stopped run is judged, and how the
/// spend of a stopped run is read (Claude's `modelUsage`, the Codex session file's `token_count` totals).
@Suite("Spend ceiling")
struct SpendCeilingTests {
    private static let prices = PriceTable(["m": PriceTable.Price(input: 2, cachedInput: 0.5, output: 8)])

    @Test("A ceiling is reached at its value, in dollars or in tokens; an unpriced run only by tokens")
    func reached() {
        let ceiling = SpendCeiling(usd: 0.01, tokens: 5000)
        #expect(ceiling.reached(usd: 0.0099, tokens: 4999) == nil)
        #expect(ceiling.reached(usd: 0.01, tokens: 0)?.contains("$0.0100") == true)
        #expect(ceiling.reached(usd: nil, tokens: 4999) == nil)
        #expect(ceiling.reached(usd: nil, tokens: 5000)?.contains("5000 tokens") == true)
        #expect(SpendCeiling().reached(usd: 1000, tokens: 1_000_000) == nil)
        #expect(SpendCeiling(usd: 0).isSpent && SpendCeiling(tokens: 0).isSpent)
        #expect(!SpendCeiling(usd: 0.01, tokens: 1).isSpent && !SpendCeiling().isSpent)
    }

    @Test("A stop at the ceiling wins over a clean exit and a success report; Claude's own stop is one too")
    func judging() {
        var success = AgentReport()
        success.subtype = "success"
        success.isError = false
        let stopped = ProcessExit(
            exitStatus: 0, signal: nil, timedOut: false, elapsed: .seconds(1), ceilingReached: "spent it")
        #expect(AgentStatus.judge(stopped, report: .success(success)) == .budgetExhausted(reason: "spent it"))
        #expect(!stopped.exitedCleanly)

        let claude = AgentReport.parse(Self.claudeBudgetResult)
        let report = try? claude.get()
        let exit = ProcessExit(exitStatus: 1, signal: nil, timedOut: false, elapsed: .seconds(1))
        let status = AgentStatus.judge(exit, report: claude)
        #expect(status == .budgetExhausted(reason: "the agent CLI reported \"Reached maximum budget ($0.5)\""))
        #expect(status.name == "budget_exhausted")
        // `usage` holds only the last call; `modelUsage` the whole run.
        #expect(report?.usage == TokenUsage(input: 200_000, output: 200))
        #expect(report?.costUSD == 0.603)
    }

    @Test("A Codex run stopped before turn.completed gets the session file's last token totals, priced")
    func codexStoppedRun() throws {
        var log = CodexSessionLog()
        log.add(parsing: Self.sessionLines(totals: [(1000, 0, 100), (2500, 500, 160)], nullFirst: true))
        #expect(log.usage == CodexUsage(input: 2500, cachedInput: 500, output: 160))

        let events = CodexEvents.parse(
            #"{"type":"thread.started","thread_id":"t-1"}"# + "\n" + #"{"type":"turn.started"}"#
        )
        .completed(by: log)
        let report = try events.report(model: "m", prices: Self.prices, stopped: "the run spent $0.0055").get()
        #expect(report.subtype == "budget_exhausted" && report.isError == true)
        #expect(report.usage == TokenUsage(input: 2000, output: 160, cacheRead: 500))
        #expect(abs((report.costUSD ?? 0) - 5530.0 / 1_000_000) < 1e-12)

        // With turn.completed the events' own totals stand.
        let finished = CodexEvents.parse(
            #"{"type":"turn.completed","usage":{"input_tokens":10,"cached_input_tokens":0,"output_tokens":1}}"#)
        #expect(finished.completed(by: log).usage == CodexUsage(input: 10, cachedInput: 0, output: 1))
    }

    @Test("The follower reads only what the session file gained, and waits for a line's end")
    func follower() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("follower-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let follower = CodexUsageFollower(codexHome: home)
        #expect(follower.poll() == nil, "no session yet")
        let folder = home.appendingPathComponent("sessions/2026/12/02", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("rollout-2026-12-02T07-00-00-t.jsonl")
        let text = Self.sessionLines(totals: [(1000, 0, 100), (2500, 500, 160)], nullFirst: true)
        let cut = text.range(of: "2500")!.lowerBound
        try Data(text[..<cut].utf8).write(to: file)
        #expect(follower.poll() == CodexUsage(input: 1000, cachedInput: 0, output: 100))
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text[cut...].utf8))
        try handle.close()
        #expect(follower.poll() == CodexUsage(input: 2500, cachedInput: 500, output: 160))
        #expect(follower.poll() == CodexUsage(input: 2500, cachedInput: 500, output: 160))
    }

    /// Session-file lines as the Codex CLI 0.147.0 writes them: a tool call, then a `token_count` per total.
    private static func sessionLines(totals: [(Int, Int, Int)], nullFirst: Bool) -> String {
        var lines: [String] = []
        if nullFirst { lines.append(#"{"type":"event_msg","payload":{"type":"token_count","info":null}}"#) }
        for (index, (input, cached, output)) in totals.enumerated() {
            lines.append(
                #"{"type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\"cmd\":\"true\"}","call_id":"c\#(index)"}}"#
            )
            lines.append(
                #"{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":\#(input),"cached_input_tokens":\#(cached),"cache_write_input_tokens":0,"output_tokens":\#(output),"reasoning_output_tokens":0,"total_tokens":\#(input + output)}}}}"#
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What Claude Code 2.1.330 printed when `--max-budget-usd 0.5` stopped it after two calls of 100 000 input and
    /// 100 output tokens each (trimmed to the keys Conveyor reads).
    private static let claudeBudgetResult = """
        {"type":"result","subtype":"error_max_budget_usd","is_error":true,"num_turns":2,\
        "session_id":"75b13078-14bf-4664-9b36-4ef8a101a99b","total_cost_usd":0.603,\
        "usage":{"input_tokens":100000,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":100},\
        "modelUsage":{"claude-sonnet-4-5":{"inputTokens":200000,"outputTokens":200,"cacheReadInputTokens":0,\
        "cacheCreationInputTokens":0,"costUSD":0.603}},"terminal_reason":"budget_exhausted",\
        "errors":["Reached maximum budget ($0.5)"]}
        """
}
