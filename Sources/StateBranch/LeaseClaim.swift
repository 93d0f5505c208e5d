public import Foundation

/// Claims the lease on `(work item, stage)` for a run (``StateChange/claimLease(_:)``).
///
/// Outcomes: acquired when free; renewed (still acquired) when this holder and run already hold it; taken over
/// when another holder's lease expired (``expiresAt`` of theirs is not after ``now``); held when another holder's
/// lease is live, and then the whole batch of changes is discarded and nothing is pushed.
public struct LeaseClaim: Codable, Sendable, Equatable {
    /// The item.
    public var workItem: WorkItemKey
    /// The stage.
    public var stage: String
    /// The job claiming, e.g. `github-run-123-1`.
    public var holder: String
    /// The run the lease is for; it must be recorded (start it earlier in the same batch).
    public var runID: String
    /// How long the lease lasts, in seconds; a crashed job blocks the work at most this long.
    public var ttlSeconds: Int
    /// The time of the claim; expiry is judged against it, so a replay decides the same way.
    public var now: Date

    /// Creates a claim.
    public init(workItem: WorkItemKey, stage: String, holder: String, runID: String, ttlSeconds: Int, now: Date) {
        self.workItem = workItem
        self.stage = stage
        self.holder = holder
        self.runID = runID
        self.ttlSeconds = ttlSeconds
        self.now = now
    }

    /// When the lease taken by this claim expires.
    public var expiresAt: Date { now.addingTimeInterval(TimeInterval(ttlSeconds)) }
}
