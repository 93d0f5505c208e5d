public import Foundation
import GRDB
public import Store

/// One entry of the audit log `flow_events`, as read back.
public struct FlowEventSummary: Codable, Sendable, Equatable {
    /// The entry's idempotency key.
    public let idempotencyKey: String
    /// What happened, e.g. `stage.approved`.
    public let eventType: String
    /// `user`, `bot`, `conveyor`…
    public let actorType: String
    /// The login of whoever caused it, when known.
    public let actorID: String?
    /// Details as a JSON object text.
    public let payloadJSON: String
    /// When it happened.
    public let at: Date

    /// Creates an entry, e.g. for a decision-table test.
    public init(
        idempotencyKey: String, eventType: String, actorType: String, actorID: String?, payloadJSON: String, at: Date
    ) {
        self.idempotencyKey = idempotencyKey
        self.eventType = eventType
        self.actorType = actorType
        self.actorID = actorID
        self.payloadJSON = payloadJSON
        self.at = at
    }

    /// The payload's top-level string values (numbers and booleans as text); other values are left out.
    public var fields: [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payloadJSON.utf8)) as? [String: Any] else {
            return [:]
        }
        var fields: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: fields[key] = text
            case let number as NSNumber: fields[key] = number.stringValue
            default: break
            }
        }
        return fields
    }
}

extension StateDatabase {
    /// The audit log of one work item, oldest first (by time, then by insertion).
    public func flowEvents(on item: WorkItemKey) async throws -> [FlowEventSummary] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.idempotency_key, f.event_type, f.actor_type, f.actor_id, f.payload_json, f.occurred_at
                    FROM flow_events f JOIN work_items w ON w.id = f.work_item
                    WHERE w.repository = ? AND w.number = ?
                    ORDER BY f.occurred_at, f.id
                    """, arguments: [item.repository, item.number])
            return rows.map { row in
                FlowEventSummary(
                    idempotencyKey: row["idempotency_key"], eventType: row["event_type"], actorType: row["actor_type"],
                    actorID: row["actor_id"], payloadJSON: row["payload_json"],
                    at: StateTimestamp.date(row["occurred_at"]) ?? .distantPast)
            }
        }
    }
}
