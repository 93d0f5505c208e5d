import Foundation

/// Wall-clock samples of one benchmark step, in milliseconds, with the statistics every benchmark prints.
struct Samples {
    /// The samples, in the order they were taken.
    private(set) var milliseconds: [Double] = []

    /// Runs `body` and records how long it took.
    mutating func measure(_ body: () async throws -> Void) async rethrows {
        let started = ContinuousClock.now
        try await body()
        milliseconds.append(Self.milliseconds(ContinuousClock.now - started))
    }

    /// Records a duration measured elsewhere (e.g. a child process's wall time).
    mutating func record(_ duration: Duration) {
        milliseconds.append(Self.milliseconds(duration))
    }

    /// The middle sample (the mean of the two middle ones for an even count); NaN when empty.
    var median: Double { percentile(50) }

    /// The 95th percentile (nearest rank); NaN when empty.
    var p95: Double { percentile(95) }

    /// The arithmetic mean; NaN when empty.
    var mean: Double { milliseconds.isEmpty ? .nan : milliseconds.reduce(0, +) / Double(milliseconds.count) }

    /// The `p`th percentile; the median interpolates between the two middle samples of an even count.
    func percentile(_ p: Double) -> Double {
        let sorted = milliseconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        if p == 50 {
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// A duration in milliseconds.
    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }
}

/// Numbers as benchmarks print them.
enum BenchFormat {
    /// `value` with `digits` decimals.
    static func number(_ value: Double, digits: Int = 3) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// A benchmark step that failed.
struct BenchFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The built products benchmarks run.
enum BenchBinary {
    /// The `conveyor` built beside this `ConveyorBench` (`scripts/bench` builds both); `CONVEYOR_BIN` names
    /// another one, to compare two builds on the same machine at the same time.
    static func conveyor() throws -> URL {
        if let other = ProcessInfo.processInfo.environment["CONVEYOR_BIN"], !other.isEmpty {
            return URL(fileURLWithPath: other)
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("conveyor")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw BenchFailure(
                message: "No conveyor beside ConveyorBench at \(binary.path); build both (scripts/bench does).")
        }
        return binary
    }
}
