public import Foundation

/// Records that a trigger was refused (an unauthorized sender, a bot, a fork) as a `denied` flow event
/// (``StateChange/recordDenial(_:)``).
public struct DenialRecord: Codable, Sendable, Equatable {
    /// Unique per refused trigger, e.g. the delivery or run id.
    public var idempotencyKey: String
    /// Groups it with the job's other events.
    public var correlationID: String
    /// The item the trigger was for, if known.
    public var workItem: WorkItemKey?
    /// Who sent the trigger.
    public var actor: String
    /// Why it was refused, as a sentence.
    public var reason: String
    /// When it was refused.
    public var at: Date

    /// Creates a denial record.
    public init(
        idempotencyKey: String, correlationID: String, workItem: WorkItemKey? = nil, actor: String, reason: String,
        at: Date
    ) {
        self.idempotencyKey = idempotencyKey
        self.correlationID = correlationID
        self.workItem = workItem
        self.actor = actor
        self.reason = reason
        self.at = at
    }
}
