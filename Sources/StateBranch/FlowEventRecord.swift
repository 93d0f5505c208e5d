public import Foundation

/// Appends one entry to the audit log `flow_events` (``StateChange/appendFlowEvent(_:)``).
///
/// Keyed by ``idempotencyKey``: the log is append-only and a replay appends nothing.
public struct FlowEventRecord: Codable, Sendable, Equatable {
    /// Unique per logical event, e.g. `run-42:label-removed:run:dev`.
    public var idempotencyKey: String
    /// Groups the events of one run (usually the run ID).
    public var correlationID: String
    /// The item concerned, if any.
    public var workItem: WorkItemKey?
    /// `user`, `bot`, `conveyor`…
    public var actorType: String
    /// The login or identifier of the actor.
    public var actorID: String?
    /// What happened, e.g. `label.removed`.
    public var eventType: String
    /// Details as a JSON object text.
    public var payloadJSON: String
    /// When it happened.
    public var at: Date

    /// Creates an event record.
    public init(
        idempotencyKey: String, correlationID: String, workItem: WorkItemKey? = nil, actorType: String,
        actorID: String? = nil, eventType: String, payloadJSON: String = "{}", at: Date
    ) {
        self.idempotencyKey = idempotencyKey
        self.correlationID = correlationID
        self.workItem = workItem
        self.actorType = actorType
        self.actorID = actorID
        self.eventType = eventType
        self.payloadJSON = payloadJSON
        self.at = at
    }
}
