import Foundation
import JSON

/// The tool calls recorded in the session file the Codex CLI writes under `CODEX_HOME/sessions/`
/// (`rollout-<time>-<thread id>.jsonl`), the complete record when the `--json` events miss one.
///
/// Why it is read: CLI 0.147.0 sometimes prints no `command_execution` item for a command that ends at once (seen in
/// about one run of three for a write the sandbox refused in under a millisecond), or one with an empty
/// `aggregated_output`, while the session file always holds the call and the output the model was given. Without it a run whose only command failed would look like a run without tool
/// calls, and pass.
///
/// Lines read: `{"type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\"cmd\":…}",
/// "call_id":…}}`, then `{"type":"response_item","payload":{"type":"function_call_output","call_id":…,"output":"…Process
/// exited with code N…Output:\n…"}}`; `custom_tool_call` named `apply_patch` is a file change. Other lines, and
/// calls of other tools (`update_plan`, `view_image`…), are ignored. The format is the CLI's own, not a published
/// one, so anything unreadable is skipped and the `--json` events stay the first source.
package struct CodexSessionLog: Sendable, Hashable {
    /// Shell tool calls with their outcome, in call order.
    package var commands: [CodexCommand] = []
    /// `apply_patch` calls; their outcome is not read (``CodexFileChange/status`` is nil).
    package var fileChanges: [CodexFileChange] = []
    /// The run's token totals from the last `token_count` event (`event_msg`, written after every model
    /// response), or nil when there was none: what a run stopped before `turn.completed` spent.
    package var usage: CodexUsage?

    /// Tool names whose calls run a shell command, or (`write_stdin`) report the end of one still running.
    static let shellTools: Set<String> = ["exec_command", "shell", "shell_command", "local_shell", "write_stdin"]

    /// Reads every `rollout-*.jsonl` under `codexHome/sessions` (a fresh home holds the one session of the run);
    /// empty when there is none.
    package static func read(codexHome: URL) -> CodexSessionLog {
        let sessions = codexHome.appendingPathComponent("sessions", isDirectory: true)
        guard let walker = FileManager.default.enumerator(at: sessions, includingPropertiesForKeys: nil) else {
            return CodexSessionLog()
        }
        var files: [URL] = []
        for case let file as URL in walker
        where file.lastPathComponent.hasPrefix("rollout-") && file.pathExtension == "jsonl" {
            files.append(file)
        }
        var log = CodexSessionLog()
        for file in files.sorted(by: { $0.path < $1.path }) {
            log.add(parsing: AgentTranscript.text(of: file))
        }
        return log
    }

    /// Adds the tool calls of one session file's text.
    package mutating func add(parsing text: String) {
        var pending: [String: String] = [:]
        var order: [String] = []
        var outputs: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let event = JSONValue.parse(line) else { continue }
            if let total = Self.totalUsage(in: event) {
                usage = total
                continue
            }
            guard event["type"]?.stringValue == "response_item",
                let payload = event["payload"], let callID = payload["call_id"]?.stringValue
            else { continue }
            switch payload["type"]?.stringValue {
            case "function_call":
                guard let name = payload["name"]?.stringValue, Self.shellTools.contains(name) else { continue }
                let arguments = payload["arguments"]?.stringValue.flatMap(JSONValue.parse)
                pending[callID] = arguments?["cmd"]?.stringValue ?? arguments?["command"]?.stringValue ?? name
                order.append(callID)
            case "function_call_output":
                outputs[callID] = payload["output"]?.stringValue ?? payload["output"]?["content"]?.stringValue ?? ""
            case "custom_tool_call" where payload["name"]?.stringValue == "apply_patch":
                fileChanges.append(CodexFileChange(paths: [], status: nil))
            default:
                continue
            }
        }
        for callID in order {
            guard let command = pending[callID] else { continue }
            let output = outputs[callID]
            let exitCode = output.flatMap(Self.exitCode)
            commands.append(
                CodexCommand(
                    command: command, exitCode: exitCode,
                    status: exitCode.map { $0 == 0 ? "completed" : "failed" } ?? (output == nil ? "no output" : nil),
                    output: output.map(Self.commandOutput) ?? ""))
        }
    }

    /// `info.total_token_usage` of a `{"type":"event_msg","payload":{"type":"token_count",…}}` line, or nil for any
    /// other line (a `token_count` with `info: null` comes before the first response).
    static func totalUsage(in event: JSONValue) -> CodexUsage? {
        guard event["type"]?.stringValue == "event_msg", let payload = event["payload"],
            payload["type"]?.stringValue == "token_count",
            let total = payload["info"]?["total_token_usage"], total.objectValue != nil
        else { return nil }
        var usage = CodexUsage()
        usage.add(total)
        return usage
    }

    /// `N` from `Process exited with code N` in a tool output.
    static func exitCode(in output: String) -> Int? {
        guard let range = output.range(of: "Process exited with code ") else { return nil }
        return Int(output[range.upperBound...].prefix { $0.isNumber || $0 == "-" })
    }

    /// What follows `Output:` in a tool output (the command's own text), else the whole output.
    static func commandOutput(_ output: String) -> String {
        guard let range = output.range(of: "\nOutput:\n") else { return output }
        return String(output[range.upperBound...])
    }
}

extension CodexEvents {
    /// These events with the session file's commands when it recorded at least as many, and its file changes when
    /// it recorded more (see ``CodexSessionLog`` for why); with its last token totals when no `turn.completed` came
    /// (a run stopped at the spend ceiling). The file also keeps a command's output where an event
    /// lost it (0.147.0 sometimes prints an empty `aggregated_output` for a command that failed at once).
    package func completed(by log: CodexSessionLog) -> CodexEvents {
        var events = self
        if !log.commands.isEmpty, log.commands.count >= commands.count { events.commands = log.commands }
        if log.fileChanges.count > fileChanges.count { events.fileChanges = log.fileChanges }
        if completedTurns == 0, let usage = log.usage { events.usage = usage }
        return events
    }
}
