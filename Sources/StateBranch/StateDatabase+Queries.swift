public import Foundation
import GRDB
public import Store

extension StateDatabase {
    /// The row count of every table, by name; SQLite's internal tables are left out.
    public func tableCounts() async throws -> [TableCount] {
        try await read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try tables.map { table in
                TableCount(
                    table: table,
                    rows: try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0)
            }
        }
    }

    /// The leases that have not expired at `now`, soonest expiry first.
    public func liveLeases(at now: Date) async throws -> [LeaseSummary] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT w.repository, w.number, w.kind, l.stage, l.holder, l.run_id, l.acquired_at, l.expires_at
                    FROM leases l JOIN work_items w ON w.id = l.work_item
                    WHERE l.expires_at > ? ORDER BY l.expires_at
                    """, arguments: [StateTimestamp.text(now)])
            return rows.map { row in
                LeaseSummary(
                    workItem: WorkItemKey(repository: row["repository"], number: row["number"], kind: row["kind"]),
                    stage: row["stage"],
                    lease: LeaseHolder(
                        holder: row["holder"], runID: row["run_id"], expiresAt: Self.date(row["expires_at"])),
                    acquiredAt: Self.date(row["acquired_at"]))
            }
        }
    }

    /// Up to `limit` runs, most recently started first.
    public func runs(limit: Int) async throws -> [RunSummary] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.run_id, w.repository, w.number, w.kind, r.stage, r.mode, r.status, r.outcome,
                        r.started_at, r.ended_at
                    FROM runs r JOIN work_items w ON w.id = r.work_item
                    ORDER BY r.started_at DESC, r.run_id LIMIT ?
                    """, arguments: [limit])
            return rows.map { row in
                RunSummary(
                    runID: row["run_id"],
                    workItem: WorkItemKey(repository: row["repository"], number: row["number"], kind: row["kind"]),
                    stage: row["stage"], mode: row["mode"], status: RunStatus(rawValue: row["status"]),
                    outcome: row["outcome"], startedAt: Self.date(row["started_at"]),
                    endedAt: (row["ended_at"] as String?).map(Self.date))
            }
        }
    }

    /// Stored time text as a date; the epoch for text that is not in the stored form.
    private static func date(_ text: String) -> Date {
        StateTimestamp.date(text) ?? Date(timeIntervalSince1970: 0)
    }
}
