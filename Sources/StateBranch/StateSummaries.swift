public import Foundation

/// How many rows one table of the state database holds.
public struct TableCount: Codable, Sendable, Equatable {
    /// The table name.
    public let table: String
    /// Its row count.
    public let rows: Int
}

/// One lease, with the work item it protects.
public struct LeaseSummary: Codable, Sendable, Equatable {
    /// The item.
    public let workItem: WorkItemKey
    /// The stage.
    public let stage: String
    /// Who holds it, the run, and until when.
    public let lease: LeaseHolder
    /// When it was taken.
    public let acquiredAt: Date
}

/// One run, with its work item, as `conveyor state runs` lists it.
public struct RunSummary: Codable, Sendable, Equatable {
    /// The run's identifier.
    public let runID: String
    /// The item it worked on.
    public let workItem: WorkItemKey
    /// The stage.
    public let stage: String
    /// `run`, `rerun`, `resume`…
    public let mode: String
    /// Its status.
    public let status: RunStatus
    /// Its free-text outcome, if finished.
    public let outcome: String?
    /// When it began.
    public let startedAt: Date
    /// When it ended, if it did.
    public let endedAt: Date?

    /// Creates a summary, e.g. for a decision-table test.
    public init(
        runID: String, workItem: WorkItemKey, stage: String, mode: String, status: RunStatus, outcome: String?,
        startedAt: Date, endedAt: Date?
    ) {
        self.runID = runID
        self.workItem = workItem
        self.stage = stage
        self.mode = mode
        self.status = status
        self.outcome = outcome
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
