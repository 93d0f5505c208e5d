import Agents
import ConveyorTestSupport
import Foundation
import Testing

/// Real Claude Code output from the corpus, and the shapes around it.
@Suite("Result parsing")
struct ReportParsingTests {
    private static func corpusReport(_ name: String) throws -> AgentReport {
        let text = String(decoding: try Corpus.data("agent-output/\(name)"), as: UTF8.self)
        return try AgentReport.parse(text).get()
    }

    @Test("A pretty-printed success result (CLI 2.1.4) parses to every field")
    func success() throws {
        let report = try Self.corpusReport("claude.json.result_success.json")
        #expect(report.type == "result")
        #expect(report.subtype == "success")
        #expect(report.isError == false)
        #expect(report.resultText == "Here are the files in the current directory.")
        #expect(report.sessionID == "40e7b02d-c0f9-4876-9010-f514d4eb0603")
        #expect(report.costUSD == 0.24722425)
        #expect(report.usage == TokenUsage(input: 18, output: 424, cacheRead: 17254, cacheCreation: 25067))
        #expect(report.usage?.fullInput == 18 + 17254 + 25067)
        #expect(report.numTurns == 2)
        #expect(report.durationMS == 8722)
        #expect(report.model == "claude-opus-4-5-20251101")
        #expect(report.permissionDenials.isEmpty)
        #expect(AgentStatus.judge(Self.cleanExit, report: .success(report)) == .succeeded)
    }

    @Test("An error_max_turns result is a failure carrying the CLI's own message")
    func maxTurns() throws {
        let report = try Self.corpusReport("claude.json.result_error_max_turns.json")
        #expect(report.subtype == "error_max_turns")
        #expect(report.isError == true)
        #expect(report.numTurns == 41)
        #expect(report.costUSD == 1.4020935000000005)
        #expect(report.terminalReason == "max_turns")
        #expect(report.errors == ["Reached maximum number of turns (40)"])
        #expect(report.usage == TokenUsage(input: 2409, output: 15946, cacheRead: 1_617_801, cacheCreation: 29104))
        #expect(report.model == "claude-sonnet-5")
        let status = AgentStatus.judge(Self.exit(1), report: .success(report))
        #expect(status == .failed(reason: "error_max_turns: Reached maximum number of turns (40)"))
    }

    @Test("The result line of a stream-json transcript (CLI 2.1.7) is the last JSON object line")
    func streamJSON() throws {
        let report = try Self.corpusReport("claude.stream-json.basic_query.ndjson")
        #expect(report.type == "result")
        #expect(report.resultText == "4")
        #expect(report.sessionID == "1d1e46f9-35c7-4834-b529-846d5bb82288")
        #expect(report.usage == TokenUsage(input: 10, output: 25, cacheRead: 0, cacheCreation: 21570))
        #expect(report.numTurns == 1)
        #expect(report.costUSD == 0.1354875)
    }

    @Test("claude-code-action's message array gives its last object, which lacks is_error and subtype")
    func minimalResult() throws {
        let report = try Self.corpusReport("claude-code-action.sample-turns.json")
        #expect(report.costUSD == 0.0347)
        #expect(report.durationMS == 18750)
        #expect(report.isError == nil && report.subtype == nil)
        let status = AgentStatus.judge(Self.cleanExit, report: .success(report))
        #expect(
            status
                == .invalidOutput(
                    reason: "the result object has no is_error or subtype, so success cannot be confirmed"))
    }

    @Test("is_error true with subtype success is a failure, whatever the exit status")
    func errorWithSuccessSubtype() throws {
        let text =
            #"{"type":"result","subtype":"success","is_error":true,"api_error_status":400,"result":"Bad request"}"#
        let report = try AgentReport.parse(text).get()
        #expect(
            AgentStatus.judge(Self.cleanExit, report: .success(report)) == .failed(reason: "API error 400: Bad request")
        )
        #expect(
            AgentStatus.judge(Self.exit(1), report: .success(report)) == .failed(reason: "API error 400: Bad request"))
    }

    @Test(
        "An overloaded, failing or unreachable model API is an outage, never a verdict on the work",
        arguments: [
            #"{"type":"result","subtype":"success","is_error":true,"api_error_status":529,"result":"Overloaded"}"#,
            #"{"type":"result","subtype":"success","is_error":true,"api_error_status":503,"result":"x"}"#,
            #"{"type":"result","subtype":"success","is_error":true,"result":"API Error: Connection error."}"#,
            #"{"type":"result","subtype":"success","is_error":true,"result":"API Error: Request timed out."}"#,
        ])
    func modelOutage(text: String) throws {
        let report = try AgentReport.parse(text).get()
        guard case .modelUnavailable(let reason) = AgentStatus.judge(Self.exit(1), report: .success(report)) else {
            Issue.record("not an outage: \(text)")
            return
        }
        #expect(!reason.contains("Connection error.") || reason.contains("\"API Error: Connection error\""))
        #expect(AgentStatus.modelUnavailable(reason: reason).name == "model_unavailable")
    }

    @Test("A rejected API key and running out of turns stay failures of the run")
    func notAnOutage() throws {
        let key = #"{"type":"result","subtype":"success","is_error":true,"api_error_status":401,"result":"Invalid"}"#
        #expect(try AgentReport.parse(key).get().modelOutage == nil)
        let turns = #"{"type":"result","subtype":"error_max_turns","is_error":true,"result":"API Error: 500"}"#
        #expect(try AgentReport.parse(turns).get().modelOutage == nil)
    }

    @Test("Log lines before the result are tolerated; unknown keys and wrongly typed values are ignored")
    func tolerantParsing() throws {
        let text = """
            Warning: something the CLI printed first
            {"not": "the result"}
            {"type":"result","subtype":"success","is_error":false,"num_turns":"three","brand_new_key":{"x":1},"usage":{"input_tokens":5,"output_tokens":true}}
            """
        let report = try AgentReport.parse(text).get()
        #expect(report.reportsSuccess)
        #expect(report.numTurns == nil)
        #expect(report.usage == TokenUsage(input: 5, output: 0))
    }

    @Test("Numbers are not booleans: is_error 0 does not confirm success")
    func numbersAreNotBooleans() throws {
        let report = try AgentReport.parse(#"{"type":"result","subtype":"success","is_error":0}"#).get()
        #expect(report.isError == nil)
        #expect(!report.reportsSuccess)
    }

    @Test("Output with no JSON object, or none at all, is invalid")
    func noJSON() {
        #expect(
            AgentReport.parse("Done! I wrote the files.\nBye.")
                == .failure(InvalidAgentOutput(reason: "the output has no JSON result object (2 lines of text)")))
        #expect(
            AgentReport.parse("  \n")
                == .failure(InvalidAgentOutput(reason: "the agent printed no result: the output is empty")))
        #expect(
            AgentReport.parse("[1, 2]")
                == .failure(InvalidAgentOutput(reason: "the output has no JSON result object (1 line of text)")))
    }

    private static let cleanExit = ProcessExit(exitStatus: 0, signal: nil, timedOut: false, elapsed: .seconds(1))

    private static func exit(_ status: Int32) -> ProcessExit {
        ProcessExit(exitStatus: status, signal: nil, timedOut: false, elapsed: .seconds(1))
    }
}
