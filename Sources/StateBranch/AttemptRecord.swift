public import Foundation

/// One attempt of a run (``StateChange/recordAttempt(_:)``): a row in `attempts`, keyed `<run id>#<number>`.
///
/// The dev stage's fix loop makes several attempts inside one job (agent, then the repository's commands, then CI);
/// each is recorded with how it ended, so a later job, `conveyor report` and the supervisor can count them.
/// Recording the same attempt again updates its status, failure class and end.
public struct AttemptRecord: Codable, Sendable, Equatable {
    /// The run; it must be recorded.
    public var runID: String
    /// The attempt's number within the run, from 1.
    public var number: Int
    /// The Actions run id (`GITHUB_RUN_ID`), when known.
    public var forgeRunID: String?
    /// The Actions run attempt (`GITHUB_RUN_ATTEMPT`), when known.
    public var forgeRunAttempt: Int?
    /// How it ended: `passed`, `failed` (a command or CI failed), `agent_failed`, `out_of_scope`, `ci_pending`.
    public var status: String
    /// What kind of failure it was, when known (e.g. `product` for a failing command on the agent's change).
    public var failureClass: String?
    /// When it started.
    public var startedAt: Date
    /// When it ended.
    public var endedAt: Date?

    /// Creates a record.
    public init(
        runID: String, number: Int, forgeRunID: String?, forgeRunAttempt: Int?, status: String, failureClass: String?,
        startedAt: Date, endedAt: Date?
    ) {
        self.runID = runID
        self.number = number
        self.forgeRunID = forgeRunID
        self.forgeRunAttempt = forgeRunAttempt
        self.status = status
        self.failureClass = failureClass
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    /// The row's key: `<run id>#<number>`, the form agent sessions and gate results use.
    public var attemptID: String { "\(runID)#\(number)" }
}
