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
    /// How often a long step (clone, agent run) reports that it is still going.
    public nonisolated let progressInterval: Duration
    private let context: Context
    private let jobLog: (@Sendable (String) -> Void)?
    private var last = ContinuousClock.now

    /// Starts a log at `file` (appending when it exists).
    ///
    /// - Parameters:
    ///   - jobLog: where human-readable progress lines go as well (the job log: `conveyor run` prints them on standard
    ///     output); nil for the file
    ///     only.
    ///   - progressInterval: how often a long step reports progress (``progress(step:elapsed:detail:)``).
    public init(
        file: URL, context: Context, jobLog: (@Sendable (String) -> Void)? = nil,
        progressInterval: Duration = .seconds(30)
    ) {
        self.file = file
        self.context = context
        self.jobLog = jobLog
        self.progressInterval = progressInterval
    }

    /// Records that `step` is still running after `elapsed`, with `detail` (e.g. objects received), as a line with
    /// `result: progress` and `elapsed_s`, and as one line in the job log, e.g.
    /// `conveyor: agent still running (2m 30s)`.
    public func progress(step: String, elapsed: Duration, detail: String? = nil) {
        let seconds = Int(elapsed.components.seconds)
        let text = "conveyor: \(step) still running (\(Self.duration(seconds)))" + (detail.map { ": \($0)" } ?? "")
        jobLog?(text)
        var line = baseLine(step: step, result: "progress", task: "stage", tool: nil)
        line["elapsed_s"] = seconds
        if let detail { line["detail"] = detail }
        write(line)
    }

    /// `95` as `1m 35s`, `30` as `30s`, `3700` as `1h 1m 40s`.
    static func duration(_ seconds: Int) -> String {
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        if hours > 0 { return "\(hours)h \(minutes)m \(rest)s" }
        return minutes > 0 ? "\(minutes)m \(rest)s" : "\(rest)s"
    }

    /// Appends one line for `step` and says `result` in the job log too (`conveyor: <result>`): for a wait the
    /// person watching the job should know about.
    public func announce(step: String, result: String) {
        jobLog?("conveyor: \(result)")
        record(step: step, result: result)
    }

    /// Appends one line for `step`; errors writing the log never stop a run.
    public func record(step: String, result: String, task: String = "stage", tool: String? = nil) {
        write(baseLine(step: step, result: result, task: task, tool: tool))
    }

    /// The fields every line has; `latency_ms` counts from the previous line.
    private func baseLine(step: String, result: String, task: String, tool: String?) -> [String: Any] {
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
        return line
    }

    private func write(_ line: [String: Any]) {
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
