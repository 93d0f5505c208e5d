public import Foundation

/// Records how a run ended (``StateChange/finishRun(_:)``) and frees every lease it holds.
///
/// The first finish wins: replaying it, or finishing an already finished run, changes nothing.
public struct RunFinish: Codable, Sendable, Equatable {
    /// The run, which must already be recorded.
    public var runID: String
    /// A terminal status such as ``RunStatus/succeeded``.
    public var status: RunStatus
    /// A short free-text result, e.g. the gate verdict.
    public var outcome: String?
    /// When the run ended.
    public var at: Date

    /// Creates a run finish.
    public init(runID: String, status: RunStatus, outcome: String? = nil, at: Date) {
        self.runID = runID
        self.status = status
        self.outcome = outcome
        self.at = at
    }
}
