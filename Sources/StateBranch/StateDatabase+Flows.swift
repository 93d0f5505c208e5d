public import Foundation
import GRDB
public import Store

/// What the heartbeat (`conveyor tick`) reads: flows, expired leases, the audit keys it wrote, runs by work item.
extension StateDatabase {
    /// Every instance of `flow`, the most recently started first.
    public func flows(named flow: String) async throws -> [FlowRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT flow, instance, state, revision, data_json, started_at, updated_at, next_check_at, closed_at
                    FROM flows WHERE flow = ? ORDER BY started_at DESC, instance DESC
                    """, arguments: [flow]
            ).map { row in
                FlowRecord(
                    flow: row["flow"], instance: row["instance"], state: row["state"], revision: row["revision"],
                    dataJSON: row["data_json"], startedAt: Self.flowDate(row["started_at"]),
                    updatedAt: Self.flowDate(row["updated_at"]),
                    nextCheckAt: (row["next_check_at"] as String?).map(Self.flowDate),
                    closedAt: (row["closed_at"] as String?).map(Self.flowDate))
            }
        }
    }

    /// The leases whose expiry is at or before `now`, with the run that holds each, oldest expiry first.
    public func expiredLeases(at now: Date) async throws -> [LeaseSummary] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT w.repository, w.number, w.kind, l.stage, l.holder, l.run_id, l.acquired_at, l.expires_at
                    FROM leases l JOIN work_items w ON w.id = l.work_item
                    WHERE l.expires_at <= ? ORDER BY l.expires_at
                    """, arguments: [StateTimestamp.text(now)]
            ).map { row in
                LeaseSummary(
                    workItem: WorkItemKey(repository: row["repository"], number: row["number"], kind: row["kind"]),
                    stage: row["stage"],
                    lease: LeaseHolder(
                        holder: row["holder"], runID: row["run_id"], expiresAt: Self.flowDate(row["expires_at"])),
                    acquiredAt: Self.flowDate(row["acquired_at"]))
            }
        }
    }

    /// The idempotency keys of `flow_events` that start with `prefix` (e.g. `reminder:` for the reminders sent).
    public func flowEventKeys(prefix: String) async throws -> Set<String> {
        try await read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT idempotency_key FROM flow_events WHERE substr(idempotency_key, 1, ?) = ?",
                    arguments: [prefix.count, prefix]))
        }
    }

    /// Every run of every work item in `repository`, newest first per item.
    public func runsByWorkItem(repository: String) async throws -> [Int: [RunSummary]] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.run_id, w.repository, w.number, w.kind, r.stage, r.mode, r.status, r.outcome,
                        r.started_at, r.ended_at
                    FROM runs r JOIN work_items w ON w.id = r.work_item
                    WHERE w.repository = ? ORDER BY r.started_at DESC, r.run_id DESC
                    """, arguments: [repository])
            var result: [Int: [RunSummary]] = [:]
            for row in rows {
                let summary = RunSummary(
                    runID: row["run_id"],
                    workItem: WorkItemKey(repository: row["repository"], number: row["number"], kind: row["kind"]),
                    stage: row["stage"], mode: row["mode"], status: RunStatus(rawValue: row["status"]),
                    outcome: row["outcome"], startedAt: Self.flowDate(row["started_at"]),
                    endedAt: (row["ended_at"] as String?).map(Self.flowDate))
                result[summary.workItem.number, default: []].append(summary)
            }
            return result
        }
    }

    /// The id of each work item's status comment in `repository`, as the last finished `status-comment`
    /// checkpoint recorded it.
    public func statusCommentIDs(repository: String) async throws -> [Int: Int] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT w.number, c.external_ref FROM checkpoints c
                    JOIN runs r ON r.run_id = c.run_id JOIN work_items w ON w.id = r.work_item
                    WHERE w.repository = ? AND c.step = 'status-comment' AND c.state = 'done'
                        AND c.external_ref IS NOT NULL
                    ORDER BY c.completed_at
                    """, arguments: [repository])
            var result: [Int: Int] = [:]
            for row in rows {
                if let id = Int(row["external_ref"] as String) { result[row["number"]] = id }
            }
            return result
        }
    }

    private static func flowDate(_ text: String) -> Date {
        StateTimestamp.date(text) ?? Date(timeIntervalSince1970: 0)
    }
}
