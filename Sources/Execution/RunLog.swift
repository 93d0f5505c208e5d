import Foundation

/// The JSON-lines log of one run (DESIGN §8): one object per step with `ts`, `trace_id` (the run id),
/// `work_item`, `stage`, `agent`, `task`, `step`, `tool`, `attempt`, `result` and `latency_ms` (time since the
/// previous line). Upload it as an Actions artifact; it never contains a secret (no values, only outcomes).
public actor RunLog {
    /// The fields every line of this run carries.
    public struct Context: Sendable {
        /// The run id.
        public var traceID: String
        /// The work item number.
        public var workItem: Int
        /// The stage.
        public var stage: String
        /// The agent kind.
        public var agent: String
        /// The Actions run attempt.
        public var attempt: Int

        /// Creates a context.
        public init(traceID: String, workItem: Int, stage: String, agent: String, attempt: Int) {
            self.traceID = traceID
            self.workItem = workItem
            self.stage = stage
            self.agent = agent
            self.attempt = attempt
        }
    }

    /// Where the lines go.
    public nonisolated let file: URL
    private let context: Context
    private var last = ContinuousClock.now

    /// Starts a log at `file` (appending when it exists).
    public init(file: URL, context: Context) {
        self.file = file
        self.context = context
    }

    /// Appends one line for `step`; errors writing the log never stop a run.
    public func record(step: String, result: String, task: String = "stage", tool: String? = nil) {
        let now = ContinuousClock.now
        let latency = now - last
        last = now
        var line: [String: Any] = [
            "ts": ISO8601DateFormatter().string(from: Date()), "trace_id": context.traceID,
            "work_item": context.workItem, "stage": context.stage, "agent": context.agent, "task": task,
            "step": step, "attempt": context.attempt, "result": result,
            "latency_ms": Int(
                latency.components.seconds * 1_000 + latency.components.attoseconds / 1_000_000_000_000_000),
        ]
        line["tool"] = tool ?? NSNull()
        guard let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) else { return }
        append(data + Data("\n".utf8))
    }

    private func append(_ data: Data) {
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        guard let handle = try? FileHandle(forWritingTo: file) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: data)
    }
}
