public import Foundation

/// Who holds the lease on one `(work item, stage)` and until when.
public struct LeaseHolder: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The job that claimed the lease, e.g. `github-run-123-1`.
    public var holder: String
    /// The run the lease belongs to.
    public var runID: String
    /// When the lease stops protecting the work; after it, a new claim takes the work over.
    public var expiresAt: Date

    /// Creates a holder.
    public init(holder: String, runID: String, expiresAt: Date) {
        self.holder = holder
        self.runID = runID
        self.expiresAt = expiresAt
    }

    /// `holder (run ID) until 2026-01-31T12:00:00.000Z`.
    public var description: String {
        "\(holder) (run \(runID)) until \(StateTimestamp.text(expiresAt))"
    }
}
