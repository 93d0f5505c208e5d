import Foundation
import JSON
import Synchronization

/// Follows the Codex CLI's session file (`CODEX_HOME/sessions/…/rollout-*.jsonl`) while the CLI runs, for the spend
/// ceiling (``SpendCeiling``).
///
/// `codex exec --json` prints `turn.completed` with its `usage` only when the whole turn ends, after every model
/// request of the run, so its standard output cannot tell what a run has spent so far. The session file can: after
/// each model response (and the tool calls it asked for) the CLI appends
/// `{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{…}}}}`, the run's running
/// totals in `turn.completed`'s terms (measured with 0.147.0: the line is written, unbuffered, 0.3–1 s before the
/// next request goes out). Each ``poll()`` reads only what the file gained since the last one.
package final class CodexUsageFollower: Sendable {
    private struct State {
        var file: URL?
        var offset: UInt64 = 0
        var partial = Data()
        var usage: CodexUsage?
    }

    private let sessions: URL
    private let state = Mutex(State())

    /// A follower of the session the CLI will write under `codexHome`.
    package init(codexHome: URL) {
        sessions = codexHome.appendingPathComponent("sessions", isDirectory: true)
    }

    /// The run's token totals as of the last `token_count` line, or nil before the first.
    package func poll() -> CodexUsage? {
        state.withLock { state in
            if state.file == nil { state.file = Self.sessionFile(in: sessions) }
            guard let file = state.file, let handle = try? FileHandle(forReadingFrom: file) else { return state.usage }
            defer { try? handle.close() }
            guard (try? handle.seek(toOffset: state.offset)) != nil, let data = try? handle.readToEnd(),
                !data.isEmpty
            else { return state.usage }
            state.offset += UInt64(data.count)
            var pending = state.partial + data
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending = Data(pending[pending.index(after: newline)...])
                guard line.contains("\"token_count\""), let event = JSONValue.parse(line) else { continue }
                if let usage = CodexSessionLog.totalUsage(in: event) { state.usage = usage }
            }
            state.partial = pending
            return state.usage
        }
    }

    /// The first `rollout-*.jsonl` under `sessions`, or nil while there is none.
    private static func sessionFile(in sessions: URL) -> URL? {
        guard let walker = FileManager.default.enumerator(at: sessions, includingPropertiesForKeys: nil) else {
            return nil
        }
        for case let file as URL in walker
        where file.lastPathComponent.hasPrefix("rollout-") && file.pathExtension == "jsonl" {
            return file
        }
        return nil
    }
}
