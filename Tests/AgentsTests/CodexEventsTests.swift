import Foundation
import Pipeline
import Testing

@testable import Agents

/// Reading `codex exec --json` output: the three CLI versions of the fixtures, and the shapes Conveyor judges.
@Suite("Codex events")
struct CodexEventsTests {
    /// `Tests/Fixtures/agent-output/codex/<name>`, found next to this source file.
    private static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/agent-output/codex/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The report of `text` at `model` priced by `prices`, failing the test when the output holds none.
    private static func report(
        _ text: String, model: String? = "gpt-5.5", prices: PriceTable = PriceTable()
    ) throws -> AgentReport {
        try CodexEvents.parse(text).report(model: model, prices: prices).get()
    }

    private static let cleanExit = ProcessExit(exitStatus: 0, signal: nil, timedOut: false, elapsed: .seconds(1))

    // MARK: - The fixtures

    @Test("CLI 0.46.0: the answer, the thread id and usage without reasoning tokens")
    func version046() throws {
        let text = try Self.fixture("codex.exec-json.cli-0.46.0.jsonl")
        let events = CodexEvents.parse(text)
        #expect(events.threadID == "019a2d7a-41c4-78b1-b7cc-a45d62a89cd5")
        #expect(events.agentMessages == ["4"])
        #expect(events.completedTurns == 1)
        #expect(events.malformedLines == 0)
        #expect(events.usage == CodexUsage(input: 2946, cachedInput: 0, output: 7))
        let report = try Self.report(text)
        #expect(report.reportsSuccess)
        #expect(report.resultText == "4")
        #expect(report.sessionID == "019a2d7a-41c4-78b1-b7cc-a45d62a89cd5")
        #expect(report.usage == TokenUsage(input: 2946, output: 7))
        #expect(AgentStatus.judge(Self.cleanExit, report: .success(report)) == .succeeded)
    }

    @Test("CLI 0.139.0: cached tokens are taken out of input_tokens, reasoning tokens stay in output")
    func version0139() throws {
        let text = try Self.fixture("codex.exec-json.cli-0.139.0.jsonl")
        let events = CodexEvents.parse(text)
        #expect(events.usage == CodexUsage(input: 23552, cachedInput: 6016, output: 41, reasoningOutput: 23))
        let report = try Self.report(text)
        #expect(report.reportsSuccess)
        #expect(report.resultText == #"{"ok":true,"answer":"mappamind"}"#)
        #expect(report.usage == TokenUsage(input: 23552 - 6016, output: 41, cacheRead: 6016))
        #expect(report.usage?.fullInput == 23552)
    }

    @Test("CLI 0.149.0: an error item is a warning; turn.failed for a 401 is a failure with the status")
    func version0149Errors() throws {
        let text = try Self.fixture("codex.exec-json.cli-0.149.0.errors.jsonl")
        let events = CodexEvents.parse(text)
        #expect(events.warnings == ["Falling back from WebSockets to HTTPS transport."])
        #expect(events.threadID == nil)
        let report = try Self.report(text)
        #expect(report.subtype == "turn_failed")
        #expect(report.isError == true)
        #expect(report.apiErrorStatus == 401)
        let exit = ProcessExit(exitStatus: 1, signal: nil, timedOut: false, elapsed: .seconds(1))
        let status = AgentStatus.judge(exit, report: .success(report))
        #expect(
            status
                == .failed(
                    reason: "turn_failed, API error 401: unexpected status 401 Unauthorized: Missing bearer or basic "
                        + "authentication in header, url: https://api.openai.com/v1/responses"))
    }

    @Test("The documented sample: a command that exited 0 counts as a working tool call")
    func documentedSample() throws {
        let text = try Self.fixture("codex.exec-json.docs-sample.jsonl")
        let events = CodexEvents.parse(text)
        #expect(events.commands.count == 1, "item.started must not count as a second command")
        #expect(events.commands.first?.command == "bash -lc ls")
        #expect(events.commands.first?.exitCode == 0)
        #expect(events.commands.first?.succeeded == true)
        #expect(events.agentMessages == ["Yep — there’s a `README.md` in the repository root."])
        let report = try Self.report(text)
        #expect(report.reportsSuccess)
        #expect(report.usage == TokenUsage(input: 24763 - 24448, output: 122, cacheRead: 24448))
    }

    // MARK: - Cost

    @Test("Cost comes from the price table: uncached input, cached input and output at their own prices")
    func costFromPriceTable() throws {
        let text = try Self.fixture("codex.exec-json.cli-0.139.0.jsonl")
        let prices = PriceTable(["GPT-5.5": PriceTable.Price(input: 1.25, cachedInput: 0.125, output: 10)])
        let report = try Self.report(text, model: "gpt-5.5", prices: prices)
        let dollars: Double = Double(23552 - 6016) * 1.25 + 6016 * 0.125 + 41 * 10
        let expected = dollars / 1_000_000
        #expect(abs((report.costUSD ?? 0) - expected) < 1e-12)
        #expect(report.model == "gpt-5.5")
        #expect(try Self.report(text, model: "other-model", prices: prices).costUSD == nil, "an unlisted model")
        #expect(try Self.report(text, model: nil, prices: prices).costUSD == nil, "the CLI's default model")
    }

    // MARK: - Judging

    @Test("A completed turn whose every tool call failed is a failure, though the CLI exits 0")
    func everyToolCallFailed() throws {
        let lines = [
            #"{"type":"thread.started","thread_id":"t-1"}"#,
            #"{"type":"turn.started"}"#,
            #"{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"/bin/bash -lc 'printf a > a.md'","aggregated_output":"bwrap: setting up uid map: Permission denied\n","exit_code":101,"status":"failed"}}"#,
            #"{"type":"item.completed","item":{"id":"item_2","type":"file_change","changes":[{"path":"b.md","kind":"add"}],"status":"failed"}}"#,
            #"{"type":"item.completed","item":{"id":"item_3","type":"agent_message","text":"Both files are written."}}"#,
            #"{"type":"turn.completed","usage":{"input_tokens":10,"cached_input_tokens":0,"output_tokens":2}}"#,
        ]
        let report = try Self.report(lines.joined(separator: "\n"))
        #expect(report.subtype == "tool_calls_failed")
        guard case .failed(let reason) = AgentStatus.judge(Self.cleanExit, report: .success(report)) else {
            Issue.record("expected .failed")
            return
        }
        #expect(reason.hasPrefix("tool_calls_failed: every tool call failed (2 of 2)"))
        #expect(reason.contains("exited 101: bwrap: setting up uid map: Permission denied"))
        #expect(reason.contains("file change of b.md failed"))
        #expect(report.resultText == "Both files are written.", "the prose is kept but does not decide")
    }

    @Test("One working tool call among failing ones is a success: a failing test command is normal work")
    func someToolCallsFailed() throws {
        let lines = [
            #"{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"make test","aggregated_output":"","exit_code":2,"status":"failed"}}"#,
            #"{"type":"item.completed","item":{"id":"item_2","type":"command_execution","command":"printf a > a.md","aggregated_output":"","exit_code":0,"status":"completed"}}"#,
            #"{"type":"turn.completed","usage":{"input_tokens":10,"output_tokens":2}}"#,
        ]
        #expect(try Self.report(lines.joined(separator: "\n")).reportsSuccess)
    }

    @Test("Malformed lines are counted and skipped; the events around them still count")
    func malformedLinesSkipped() throws {
        let text = [
            #"{"type":"thread.started","thread_id":"t-2"}"#,
            "Reading additional input from stdin...",
            #"{"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Done."}"#,
            "[1, 2]",
            #"{"type":"turn.completed","usage":{"input_tokens":5,"output_tokens":1}}"#,
        ].joined(separator: "\n")
        let events = CodexEvents.parse(text)
        #expect(events.malformedLines == 3)
        #expect(events.agentMessages.isEmpty, "the truncated item is not guessed at")
        #expect(try Self.report(text).reportsSuccess)
    }

    @Test("Output without a turn's end, or without any event, holds no result")
    func noTurnEnd() {
        let truncated = [
            #"{"type":"thread.started","thread_id":"t-3"}"#, #"{"type":"turn.started"}"#,
            #"{"type":"turn.completed","usage":{"input_tok"#,
        ].joined(separator: "\n")
        #expect(
            CodexEvents.parse(truncated).report(model: nil, prices: PriceTable())
                == .failure(
                    InvalidAgentOutput(
                        reason: "the Codex CLI printed 2 event(s) but neither turn.completed nor turn.failed "
                            + "(1 line(s) were not JSON events)")))
        #expect(
            CodexEvents.parse("not json\n{oops}\n").report(model: nil, prices: PriceTable())
                == .failure(
                    InvalidAgentOutput(reason: "the Codex CLI printed no JSON events (2 line(s) were not JSON events)"))
        )
        #expect(
            CodexEvents.parse("").report(model: nil, prices: PriceTable())
                == .failure(InvalidAgentOutput(reason: "the Codex CLI printed no JSON events: the output is empty")))
    }

    @Test("Error events without a turn's end are a failure with the last message")
    func errorsWithoutTurnEnd() throws {
        let text = [
            #"{"type":"error","message":"Reconnecting... 1/5 (stream disconnected)"}"#,
            #"{"type":"error","message":"stream closed before response.completed"}"#,
        ].joined(separator: "\n")
        let report = try Self.report(text)
        #expect(report.subtype == "error")
        #expect(report.failureReason == "error: stream closed before response.completed")
    }

    @Test("Tool calls missing from the events are taken from the session file, and judged")
    func sessionLogCompletesEvents() throws {
        let session = [
            #"{"type":"session_meta","payload":{"id":"t-4","cli_version":"0.147.0"}}"#,
            #"{"type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\"cmd\":\"printf a > /elsewhere/a.md\"}","call_id":"call_1"}}"#,
            #"{"type":"response_item","payload":{"type":"function_call","name":"update_plan","arguments":"{}","call_id":"call_2"}}"#,
            #"{"type":"response_item","payload":{"type":"function_call_output","call_id":"call_2","output":"Plan updated"}}"#,
            #"{"type":"response_item","payload":{"type":"function_call_output","call_id":"call_1","output":"Chunk ID: 1\nWall time: 0.0000 seconds\nProcess exited with code 1\nOutput:\n/bin/bash: line 1: /elsewhere/a.md: Read-only file system\n"}}"#,
            "not json",
        ].joined(separator: "\n")
        var log = CodexSessionLog()
        log.add(parsing: session)
        #expect(
            log.commands == [
                CodexCommand(
                    command: "printf a > /elsewhere/a.md", exitCode: 1, status: "failed",
                    output: "/bin/bash: line 1: /elsewhere/a.md: Read-only file system\n")
            ])
        let events = CodexEvents.parse(
            [
                #"{"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"Wrote it."}}"#,
                #"{"type":"turn.completed","usage":{"input_tokens":20,"output_tokens":4}}"#,
            ].joined(separator: "\n"))
        #expect(events.commands.isEmpty, "the events missed the command")
        #expect(try events.report(model: nil, prices: PriceTable()).get().reportsSuccess)
        let completed = try events.completed(by: log).report(model: nil, prices: PriceTable()).get()
        #expect(completed.subtype == "tool_calls_failed")
        #expect(completed.failureReason.contains("exited 1: /bin/bash: line 1: /elsewhere/a.md: Read-only file system"))

        var worked = CodexSessionLog()
        worked.add(
            parsing:
                #"{"type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\"cmd\":\"true\"}","call_id":"c"}}"#
                + "\n"
                + #"{"type":"response_item","payload":{"type":"function_call_output","call_id":"c","output":"Process exited with code 0\nOutput:\n"}}"#
        )
        #expect(try events.completed(by: worked).report(model: nil, prices: PriceTable()).get().reportsSuccess)
    }

    @Test(
        "HTTP statuses are read from the CLI's messages",
        arguments: [
            ("unexpected status 401 Unauthorized: Missing bearer", 401),
            ("unexpected status 429 Too Many Requests", 429),
            ("We're currently experiencing high demand, which may cause temporary errors.", nil),
            ("status 99 is not HTTP", nil),
        ] as [(String, Int?)])
    func httpStatus(message: String, status: Int?) {
        #expect(CodexEvents.httpStatus(in: message) == status)
    }
}

/// The command line and the `config.toml` of a Codex run.
@Suite("Codex command line and configuration")
struct CodexConfigurationTests {
    @Test("The command runs exec with JSON events in the workspace-write sandbox, the prompt on standard input")
    func commandLine() throws {
        #expect(
            try CodexCommandLine.arguments(skipPermissionChecks: false, runningAsRoot: true)
                == ["exec", "--json", "--skip-git-repo-check", "--sandbox", "workspace-write", "-"])
        #expect(
            try CodexCommandLine.arguments(skipPermissionChecks: true, runningAsRoot: false)
                == ["exec", "--json", "--skip-git-repo-check", "--sandbox", "danger-full-access", "-"])
        let error = #expect(throws: AgentError.self) {
            try CodexCommandLine.arguments(skipPermissionChecks: true, runningAsRoot: true)
        }
        #expect(error?.code == .unsafeAsRoot)
    }

    @Test("The configuration names the provider, bounds retries and keeps /tmp and TMPDIR out of the sandbox")
    func configurationText() throws {
        let configuration = try CodexConfiguration(
            model: #"odd "model"\name"#,
            environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"],
            parentEnvironment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "CONVEYOR_CODEX_MAX_RETRIES": "0"])
        let text = configuration.text
        #expect(text.contains(#"model = "odd \"model\"\\name""#))
        #expect(text.contains("model_provider = \"conveyor\"\n"))
        #expect(text.contains("[model_providers.conveyor]\n"))
        #expect(text.contains("base_url = \"http://127.0.0.1:9/v1\"\n"))
        #expect(text.contains("wire_api = \"responses\"\n"))
        #expect(text.contains("env_key = \"OPENAI_API_KEY\"\n"))
        #expect(text.contains("request_max_retries = 0\nstream_max_retries = 0\n"))
        #expect(text.contains("exclude_slash_tmp = true\nexclude_tmpdir_env_var = true\n"))
        #expect(text.contains("[features]\nplugins = false\n"))
        #expect(text.contains("[analytics]\nenabled = false\n"))

        let defaults = try CodexConfiguration(model: nil, environment: [:], parentEnvironment: [:])
        #expect(defaults.baseURL == "https://api.openai.com/v1")
        #expect(defaults.maxRetries == 2)
        #expect(!defaults.text.contains("\nmodel = "))
    }

    @Test(
        "A bad base URL, a withheld one and a bad retry count are refused",
        arguments: [
            (["OPENAI_BASE_URL": "api.openai.com"], ["OPENAI_BASE_URL": "api.openai.com"], "http or https URL"),
            ([:], ["OPENAI_BASE_URL": "https://user:pw@proxy.example/v1"], "holds a password"),
            ([:], ["CONVEYOR_CODEX_MAX_RETRIES": "many"], "from 0 to 10"),
            ([:], ["CONVEYOR_CODEX_MAX_RETRIES": "11"], "from 0 to 10"),
        ] as [([String: String], [String: String], String)])
    func refusedSettings(environment: [String: String], parent: [String: String], message: String) {
        let error = #expect(throws: AgentError.self) {
            try CodexConfiguration(model: nil, environment: environment, parentEnvironment: parent)
        }
        #expect(error?.code == .invalidInvocation)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }
}
