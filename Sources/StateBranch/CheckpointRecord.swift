public import Foundation

/// Records a step before or after an external side effect (``StateChange/checkpoint(_:)``).
///
/// A checkpoint is written `started` before the side effect and `done` (or another final state) after it, with
/// the external reference it produced (a comment id, a PR number). A checkpoint only moves out of `started`:
/// once final it never changes, so replaying an older `started` cannot undo a `done`.
public struct CheckpointRecord: Codable, Sendable, Equatable {
    /// The state a checkpoint has before its side effect is known to have happened.
    public static let started = "started"
    /// The usual final state.
    public static let done = "done"

    /// Unique per side effect, e.g. `run-42:post-status-comment`.
    public var idempotencyKey: String
    /// The run doing the side effect; it must be recorded.
    public var runID: String
    /// The step's name, e.g. `publish.comment`.
    public var step: String
    /// ``started``, ``done`` or another final state.
    public var state: String
    /// What the side effect produced, e.g. a comment id.
    public var externalRef: String?
    /// When this state was reached.
    public var at: Date

    /// Creates a checkpoint record.
    public init(
        idempotencyKey: String, runID: String, step: String, state: String, externalRef: String? = nil, at: Date
    ) {
        self.idempotencyKey = idempotencyKey
        self.runID = runID
        self.step = step
        self.state = state
        self.externalRef = externalRef
        self.at = at
    }
}
