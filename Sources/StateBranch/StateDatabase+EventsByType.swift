import Foundation
import GRDB
public import Store

extension StateDatabase {
    /// The audit log entries of `types` (e.g. `ci.pending`) on every work item of `repository`, by item number,
    /// oldest first: one read for a chore that looks across items (``flowEvents(on:)`` reads one item).
    public func flowEvents(ofTypes types: [String], repository: String) async throws -> [Int: [FlowEventSummary]] {
        guard !types.isEmpty else { return [:] }
        return try await read { db in
            let marks = Array(repeating: "?", count: types.count).joined(separator: ", ")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT w.number, f.idempotency_key, f.event_type, f.actor_type, f.actor_id, f.payload_json,
                           f.occurred_at
                    FROM flow_events f JOIN work_items w ON w.id = f.work_item
                    WHERE w.repository = ? AND f.event_type IN (\(marks))
                    ORDER BY f.occurred_at, f.id
                    """, arguments: StatementArguments([repository] + types))
            var events: [Int: [FlowEventSummary]] = [:]
            for row in rows {
                let number: Int = row["number"]
                events[number, default: []].append(
                    FlowEventSummary(
                        idempotencyKey: row["idempotency_key"], eventType: row["event_type"],
                        actorType: row["actor_type"], actorID: row["actor_id"], payloadJSON: row["payload_json"],
                        at: StateTimestamp.date(row["occurred_at"]) ?? .distantPast))
            }
            return events
        }
    }
}
