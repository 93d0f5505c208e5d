import Foundation

/// How far a clone or fetch has come, as libgit2's transfer callback reports it.
public struct TransferProgress: Sendable, Hashable, CustomStringConvertible {
    /// Objects received so far.
    public let receivedObjects: Int
    /// Objects the remote will send in all.
    public let totalObjects: Int
    /// Bytes received so far.
    public let receivedBytes: Int

    /// Creates a value.
    public init(receivedObjects: Int, totalObjects: Int, receivedBytes: Int) {
        self.receivedObjects = receivedObjects
        self.totalObjects = totalObjects
        self.receivedBytes = receivedBytes
    }

    /// E.g. `1200/4800 objects, 3.1 MB`.
    public var description: String {
        let megabytes = Double(receivedBytes) / 1_048_576
        return "\(receivedObjects)/\(totalObjects) objects, \(String(format: "%.1f", megabytes)) MB"
    }
}

/// Where a clone reports its progress, and how often at most.
public struct TransferProgressReporter: Sendable {
    /// The shortest time between two reports.
    public let interval: Duration
    /// Called on the repository's queue with the latest figures; keep it short (hand the figures on).
    public let report: @Sendable (TransferProgress) -> Void

    /// Creates a reporter.
    public init(every interval: Duration, report: @escaping @Sendable (TransferProgress) -> Void) {
        self.interval = interval
        self.report = report
    }
}
