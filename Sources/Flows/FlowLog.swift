import Foundation

/// The JSON-lines log of a heartbeat (DESIGN §8): one object per step with `ts`, `flow`, `instance`,
/// `release_version`, `step`, `tool`, `result` and `latency_ms` (how long the step's forge call took).
///
/// Lines are kept in memory (``lines``, for the report and tests) and appended to `file` when one is given
/// (`CONVEYOR_LOG_FILE`). No line ever holds a secret: only names, numbers and outcomes.
public actor FlowLog {
    /// Where lines are appended; nil keeps them in memory only.
    public nonisolated let file: URL?
    /// Every line written so far, oldest first.
    public private(set) var lines: [String] = []
    private let clock: @Sendable () -> Date

    /// Creates a log; `clock` stamps `ts` (the heartbeat's clock, so a `--now` run logs the time it acts at).
    public init(file: URL? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.file = file
        self.clock = clock
    }

    /// Appends one line.
    public func record(
        flow: String, instance: String, version: String?, step: String, tool: String?, result: String,
        latency: Duration
    ) {
        let milliseconds = latency.components.seconds * 1_000 + latency.components.attoseconds / 1_000_000_000_000_000
        var object: [String: Any] = [
            "ts": ISO8601DateFormatter().string(from: clock()), "flow": flow, "instance": instance, "step": step,
            "result": result, "latency_ms": Int(milliseconds),
        ]
        object["release_version"] = version ?? NSNull()
        object["tool"] = tool ?? NSNull()
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        let line = String(decoding: data, as: UTF8.self)
        lines.append(line)
        guard let file else { return }
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        guard let handle = try? FileHandle(forWritingTo: file) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((line + "\n").utf8))
    }
}
