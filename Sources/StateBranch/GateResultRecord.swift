public import Foundation

/// Records a run's gate verdict and its reasons (``StateChange/recordGateResults(_:)``), so the next run of the
/// stage can tell its agent why the last one failed.
///
/// Stored as rows of `gate_results` (one per reason, in order; one row with no reason for a verdict without
/// reasons) under the run's first attempt, which is recorded with them when it is not yet. Replaying the record
/// changes nothing: rows are keyed by attempt, gate and position.
public struct GateResultRecord: Codable, Sendable, Equatable {
    /// One reason of the verdict.
    public struct Reason: Codable, Sendable, Equatable {
        /// What was checked, e.g. `missingArtifact` or `agentFailed`.
        public var check: String
        /// The reason as the gate wrote it, verbatim.
        public var message: String

        /// Creates a reason.
        public init(check: String, message: String) {
            self.check = check
            self.message = message
        }
    }

    /// The run, which must already be recorded.
    public var runID: String
    /// The stage whose gate decided, e.g. `intake`.
    public var stage: String
    /// `pass`, `fail` or `needs_input`.
    public var verdict: String
    /// The reasons, in the gate's order.
    public var reasons: [Reason]
    /// When the gate decided.
    public var at: Date

    /// Creates a record.
    public init(runID: String, stage: String, verdict: String, reasons: [Reason], at: Date) {
        self.runID = runID
        self.stage = stage
        self.verdict = verdict
        self.reasons = reasons
        self.at = at
    }
}

/// Why the latest earlier run of a stage failed, as state recorded it (``StateDatabase/lastFailure(of:stage:before:)``).
public struct StageFailure: Sendable, Equatable {
    /// The failed run.
    public var runID: String
    /// The gate's reasons verbatim; when the run stopped before its gate, the error it ended with.
    public var reasons: [String]
    /// When the run started.
    public var startedAt: Date

    /// Creates a value.
    public init(runID: String, reasons: [String], startedAt: Date) {
        self.runID = runID
        self.reasons = reasons
        self.startedAt = startedAt
    }
}
