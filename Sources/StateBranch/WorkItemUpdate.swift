public import Foundation

/// Records a work item's title and where it stands in the pipeline (``StateChange/upsertWorkItem(_:)``).
///
/// Replaying an older update never overwrites a newer one: the row changes only when ``at`` is not earlier than
/// the stored `updated_at`.
public struct WorkItemUpdate: Codable, Sendable, Equatable {
    /// The item.
    public var workItem: WorkItemKey
    /// The issue or pull request title; empty leaves the recorded title as it is (a writer that has not read it).
    public var title: String
    /// The stage the item is in, e.g. `dev`.
    public var currentStage: String?
    /// The item's state within that stage, e.g. `in-review`.
    public var stageState: String?
    /// When this was observed.
    public var at: Date

    /// Creates an update.
    public init(workItem: WorkItemKey, title: String, currentStage: String? = nil, stageState: String? = nil, at: Date)
    {
        self.workItem = workItem
        self.title = title
        self.currentStage = currentStage
        self.stageState = stageState
        self.at = at
    }
}
