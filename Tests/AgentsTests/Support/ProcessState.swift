import Foundation

/// Looks at other processes through `/proc`.
enum ProcessState {
    /// True while `pid` exists and is not a zombie (a killed orphan may stay a zombie when PID 1 does not reap).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
        return state != "Z" && state != "X"
    }

    /// Waits up to `limit` for `pid` to stop running; true when it did.
    static func waitUntilGone(_ pid: Int32, limit: Duration = .seconds(3)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while isRunning(pid), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !isRunning(pid)
    }
}

extension ProcessState {
    /// Running (non-zombie) processes whose environment holds `entry` (`NAME=value`), read from `/proc/*/environ`.
    static func running(withEnvironmentEntry entry: String) -> [Int32] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return pids.filter { pid in
            guard let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return environ.split(separator: 0).contains { Array($0) == Array(entry.utf8) } && isRunning(pid)
        }
    }
}
