public import Foundation

/// Records that a run of one stage on one work item began (``StateChange/startRun(_:)``).
///
/// Keyed by ``runID``: replaying it after the run is recorded changes nothing.
public struct RunStart: Codable, Sendable, Equatable {
    /// The run's identifier, unique across the state database.
    public var runID: String
    /// The item the run works on; recorded as a work item if it is new.
    public var workItem: WorkItemKey
    /// The stage, e.g. `dev`.
    public var stage: String
    /// `run`, `rerun`, `resume`…
    public var mode: String
    /// The login that triggered the run.
    public var actor: String?
    /// What triggered it: `label`, `dispatch`, `comment`, `schedule`…
    public var trigger: String?
    /// When the run began.
    public var at: Date

    /// Creates a run start.
    public init(
        runID: String, workItem: WorkItemKey, stage: String, mode: String, actor: String? = nil,
        trigger: String? = nil, at: Date
    ) {
        self.runID = runID
        self.workItem = workItem
        self.stage = stage
        self.mode = mode
        self.actor = actor
        self.trigger = trigger
        self.at = at
    }
}
