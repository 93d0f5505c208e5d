import Foundation
import JSON
import Pipeline

/// What the Codex CLI printed with `codex exec --json`: one JSON event per line, read into the facts Conveyor judges.
///
/// The stream (CLI 0.46 to 0.149 print the same shapes): `thread.started {thread_id}`, `turn.started`,
/// `item.started` / `item.updated` / `item.completed {item: {id, type, …}}`, then `turn.completed {usage}` or
/// `turn.failed {error: {message}}`; top-level `error {message}` lines report retries and failures. Item types used
/// here: `command_execution` (`command`, `aggregated_output`, `exit_code`, `status`), `file_change`
/// (`changes: [{path, kind}]`, `status`), `agent_message` (`text`) and `error` (`message`: a warning, e.g. "Model
/// metadata … not found", not a failure). Other items (`reasoning`, `todo_list`, `mcp_tool_call`, `web_search`)
/// and unknown keys are ignored; newer CLIs add fields freely.
///
/// A line that is not a JSON object is counted in ``malformedLines`` and skipped, so one corrupt line does not hide
/// the events around it; ``report(model:prices:)`` still insists on a `turn.completed` or `turn.failed`.
package struct CodexEvents: Sendable, Hashable {
    /// `thread_id` from `thread.started`: the session, for `codex exec resume <id>`.
    package var threadID: String?
    /// Every completed `command_execution` item, in order.
    package var commands: [CodexCommand] = []
    /// Every completed `file_change` item, in order.
    package var fileChanges: [CodexFileChange] = []
    /// The `text` of every completed `agent_message`, in order; the last is the agent's answer.
    package var agentMessages: [String] = []
    /// Messages of `error` items: warnings the CLI raised without failing the turn.
    package var warnings: [String] = []
    /// Messages of top-level `error` events (retries such as "Reconnecting... 1/5", then the final failure).
    package var errors: [String] = []
    /// `error.message` of the last `turn.failed`, when a turn failed.
    package var turnFailure: String?
    /// How many `turn.completed` events came.
    package var completedTurns = 0
    /// The `usage` of every `turn.completed`, summed.
    package var usage = CodexUsage()
    /// Non-empty lines that are not a JSON object.
    package var malformedLines = 0
    /// Lines that are a JSON object with a `type`.
    package var eventCount = 0

    /// Reads the JSON lines of `text`; never fails (see ``malformedLines``).
    package static func parse(_ text: String) -> CodexEvents {
        var events = CodexEvents()
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard trimmed.hasPrefix("{"), let object = JSONValue.parse(trimmed),
                let type = object["type"]?.stringValue
            else {
                events.malformedLines += 1
                continue
            }
            events.eventCount += 1
            events.apply(type: type, event: object)
        }
        return events
    }

    private mutating func apply(type: String, event: JSONValue) {
        switch type {
        case "thread.started":
            threadID = event["thread_id"]?.stringValue ?? threadID
        case "item.completed":
            if let item = event["item"] { applyCompleted(item) }
        case "turn.completed":
            completedTurns += 1
            if let usage = event["usage"] { self.usage.add(usage) }
        case "turn.failed":
            turnFailure = event["error"]?["message"]?.stringValue ?? "the turn failed without a message"
        case "error":
            errors.append(event["message"]?.stringValue ?? "an error event without a message")
        default:
            break
        }
    }

    private mutating func applyCompleted(_ item: JSONValue) {
        switch item["type"]?.stringValue {
        case "command_execution":
            commands.append(
                CodexCommand(
                    command: item["command"]?.stringValue ?? "", exitCode: item["exit_code"]?.integerValue,
                    status: item["status"]?.stringValue, output: item["aggregated_output"]?.stringValue ?? ""))
        case "file_change":
            let paths = (item["changes"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
            fileChanges.append(CodexFileChange(paths: paths, status: item["status"]?.stringValue))
        case "agent_message":
            if let text = item["text"]?.stringValue { agentMessages.append(text) }
        case "error":
            warnings.append(item["message"]?.stringValue ?? "an error item without a message")
        default:
            break
        }
    }
}

// MARK: - Items

/// A shell command the agent ran through the CLI's tool (`exec_command` in 0.147).
package struct CodexCommand: Sendable, Hashable {
    /// The command line as the CLI reports it, e.g. `/bin/bash -lc 'printf hi > a.txt'`.
    package var command: String
    /// `exit_code`; nil when the CLI reported none (the command did not start).
    package var exitCode: Int?
    /// `status`: `completed`, `failed` or `declined`.
    package var status: String?
    /// `aggregated_output`: standard output and error together.
    package var output: String

    /// True when the command exited 0 and the CLI did not mark it failed or declined.
    package var succeeded: Bool {
        exitCode == 0 && (status == nil || status == "completed")
    }

    /// One line for a failure reason: the command, how it ended and its output with line breaks as ` / `
    /// (bubblewrap's complaint, `Read-only file system`, …), at most 400 characters.
    package var failureSummary: String {
        let ending = exitCode.map { "exited \($0)" } ?? "did not run (\(status ?? "no status"))"
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let text = lines.filter { !$0.isEmpty }.joined(separator: " / ")
        let summary = text.isEmpty ? "`\(command)` \(ending)" : "`\(command)` \(ending): \(text)"
        return summary.count > 400 ? String(summary.prefix(400)) + "…" : summary
    }
}

/// Files the agent changed through the CLI's patch tool.
package struct CodexFileChange: Sendable, Hashable {
    /// The paths the change touched.
    package var paths: [String]
    /// `status`: `completed` or `failed`.
    package var status: String?

    /// True unless the CLI marked the change failed.
    package var succeeded: Bool { status == nil || status == "completed" }
}

/// Token counts from `turn.completed` `usage`, summed over turns, in the CLI's own terms.
///
/// `input_tokens` is the whole prompt: the cached part (`cached_input_tokens`) is included in it, as in the Responses
/// API's `usage` the CLI passes on. `output_tokens` includes `reasoning_output_tokens`.
package struct CodexUsage: Sendable, Hashable {
    /// `input_tokens`: every input token, cached or not.
    package var input = 0
    /// `cached_input_tokens`: the part of ``input`` read from the prompt cache.
    package var cachedInput = 0
    /// `cache_write_input_tokens` (0.147 and later): the part of ``input`` written to the prompt cache.
    package var cacheWriteInput = 0
    /// `output_tokens`, reasoning included.
    package var output = 0
    /// `reasoning_output_tokens`: the part of ``output`` spent reasoning.
    package var reasoningOutput = 0

    mutating func add(_ usage: JSONValue) {
        input += usage["input_tokens"]?.integerValue ?? 0
        cachedInput += usage["cached_input_tokens"]?.integerValue ?? 0
        cacheWriteInput += usage["cache_write_input_tokens"]?.integerValue ?? 0
        output += usage["output_tokens"]?.integerValue ?? 0
        reasoningOutput += usage["reasoning_output_tokens"]?.integerValue ?? 0
    }

    /// Input tokens neither read from nor written to the cache (never negative).
    package var uncachedInput: Int { max(0, input - cachedInput - cacheWriteInput) }

    /// Every token, input (cached or not) and output: what a token budget counts.
    package var total: Int { input + output }

    /// The cost of these tokens at `model`'s price, or nil when there is no model or no price for it.
    package func cost(model: String?, prices: PriceTable) -> Double? {
        model.flatMap {
            prices.cost(
                model: $0, uncachedInput: max(0, input - cachedInput), cachedInput: cachedInput, output: output)
        }
    }

    /// The counts as Conveyor records them: ``TokenUsage/fullInput`` equals `input_tokens`.
    package var tokenUsage: TokenUsage {
        TokenUsage(input: uncachedInput, output: output, cacheRead: cachedInput, cacheCreation: cacheWriteInput)
    }
}

// MARK: - Judging

extension CodexEvents {
    /// The run as an ``AgentReport`` for ``AgentStatus/judge(_:report:)``: `subtype` `success` with `is_error` false,
    /// or a failure subtype with the reason in `errors`.
    ///
    /// - `turn_failed`: a `turn.failed` came; its message is the reason (an HTTP status in it, as in `unexpected
    ///   status 401 Unauthorized: …`, becomes `api_error_status`).
    /// - `error`: no turn ended but top-level `error` events came; the last one is the reason.
    /// - `tool_calls_failed`: the turn completed, but the agent made tool calls and every one failed. The CLI exits 0
    ///   then (a sandbox that cannot start, `bwrap` exit 101, or a write the sandbox refused), yet nothing was done.
    /// - `success`: a `turn.completed` and at least one tool call that worked, or none at all (whether the work tree
    ///   holds what the stage needs is the gate's question).
    ///
    /// - Parameters:
    ///   - model: the model asked for, recorded in the report and used to price the tokens; nil when the CLI's
    ///     default was used (then there is no cost).
    ///   - prices: the configured price table; a model without an entry gets no cost.
    ///   - stopped: why Conveyor ended the CLI at the spend ceiling, when it did: the report is then
    ///     `budget_exhausted` with the tokens counted so far, whatever else came.
    /// - Returns: the report, or why the output holds none: no JSON events at all, or events without a turn's end.
    package func report(
        model: String?, prices: PriceTable, stopped: String? = nil
    ) -> Result<AgentReport, InvalidAgentOutput> {
        let malformedNote = malformedLines == 0 ? "" : " (\(malformedLines) line(s) were not JSON events)"
        guard eventCount > 0 else {
            let reason =
                malformedLines == 0
                ? "the Codex CLI printed no JSON events: the output is empty"
                : "the Codex CLI printed no JSON events\(malformedNote)"
            return .failure(InvalidAgentOutput(reason: reason))
        }
        var report = AgentReport()
        report.sessionID = threadID
        report.model = model
        report.usage = usage.tokenUsage
        report.costUSD = usage.cost(model: model, prices: prices)
        report.resultText = agentMessages.last
        if let stopped {
            report.type = "stopped"
            report.markFailed("budget_exhausted", errors: [stopped])
            report.resultText = stopped
        } else if let turnFailure {
            report.type = "turn.failed"
            report.markFailed("turn_failed", errors: [turnFailure])
            report.resultText = turnFailure
            report.apiErrorStatus = Self.httpStatus(in: turnFailure)
        } else if completedTurns == 0 {
            guard let last = errors.last else {
                return .failure(
                    InvalidAgentOutput(
                        reason: "the Codex CLI printed \(eventCount) event(s) but neither turn.completed nor "
                            + "turn.failed\(malformedNote)"))
            }
            report.type = "error"
            report.markFailed("error", errors: [last])
            report.resultText = last
            report.apiErrorStatus = Self.httpStatus(in: last)
        } else if let failedCalls = failedToolCalls {
            report.type = "turn.completed"
            report.markFailed("tool_calls_failed", errors: failedCalls)
        } else {
            report.type = "turn.completed"
            report.isError = false
            report.subtype = "success"
        }
        return .success(report)
    }

    /// When the agent made tool calls and none worked: a count and each failure (the first five); else nil.
    private var failedToolCalls: [String]? {
        let total = commands.count + fileChanges.count
        guard total > 0, !commands.contains(where: \.succeeded), !fileChanges.contains(where: \.succeeded) else {
            return nil
        }
        let failures =
            commands.map(\.failureSummary)
            + fileChanges.map { "file change of \($0.paths.joined(separator: ", ")) \($0.status ?? "failed")" }
        return ["every tool call failed (\(total) of \(total))"] + failures.prefix(5)
    }

    /// The HTTP status in a CLI message such as `unexpected status 401 Unauthorized: …`, or nil.
    static func httpStatus(in message: String) -> Int? {
        guard let range = message.range(of: "status ") else { return nil }
        let digits = message[range.upperBound...].prefix { $0.isNumber }
        guard digits.count == 3, let status = Int(digits), (100...599).contains(status) else { return nil }
        return status
    }
}

extension AgentReport {
    /// Sets `is_error`, `subtype` and `errors` for a failed run.
    fileprivate mutating func markFailed(_ subtype: String, errors: [String]) {
        isError = true
        self.subtype = subtype
        self.errors = errors
    }
}
