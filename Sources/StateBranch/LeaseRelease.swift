/// Frees the lease on `(work item, stage)` if ``holder`` holds it (``StateChange/releaseLease(_:)``).
public struct LeaseRelease: Codable, Sendable, Equatable {
    /// The item.
    public var workItem: WorkItemKey
    /// The stage.
    public var stage: String
    /// Only this holder's lease is freed.
    public var holder: String
    /// When set, only the lease of this run is freed.
    public var runID: String?

    /// Creates a release.
    public init(workItem: WorkItemKey, stage: String, holder: String, runID: String? = nil) {
        self.workItem = workItem
        self.stage = stage
        self.holder = holder
        self.runID = runID
    }
}
