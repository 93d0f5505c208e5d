import ConveyorTestSupport
import Foundation
import GRDB

@testable import Store

/// Shared helpers of the store tests: a scratch directory with a database path, and row seeding.
struct StoreScratch {
    let directory: TemporaryDirectory
    let databaseURL: URL

    init() throws {
        directory = try TemporaryDirectory(prefix: "store")
        databaseURL = directory.appending("state.sqlite")
    }

    /// The names of the files in the scratch directory, sorted.
    func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// The database file's bytes.
    func databaseBytes() throws -> Data {
        try Data(contentsOf: databaseURL)
    }

    func remove() { directory.remove() }
}

/// Rows inserted by the tests, with fixed timestamps.
enum Seed {
    static let time = "2026-01-31T12:00:00.000Z"

    /// Inserts issue `number` of `octo/repo` and returns its id.
    @discardableResult
    static func workItem(_ db: Database, number: Int) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO work_items (repository, kind, number, title, created_at, updated_at)
                VALUES ('octo/repo', 'issue', ?, 'A title', ?, ?)
                """,
            arguments: [number, time, time])
        return db.lastInsertedRowID
    }

    /// Inserts run `runID` of stage `intake` on `workItem`.
    static func run(_ db: Database, runID: String, workItem: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO runs (run_id, work_item, stage, mode, status, started_at)
                VALUES (?, ?, 'intake', 'draft', 'running', ?)
                """,
            arguments: [runID, workItem, time])
    }

    /// Appends a flow event with `key` as its idempotency key and `payload` as its JSON payload.
    static func flowEvent(_ db: Database, key: String, workItem: Int64?, payload: String = "{}") throws {
        try db.execute(
            sql: """
                INSERT INTO flow_events (idempotency_key, occurred_at, correlation_id, work_item, actor_type,
                                         event_type, payload_json)
                VALUES (?, ?, 'run-1', ?, 'system', 'label.added', ?)
                """,
            arguments: [key, time, workItem, payload])
    }
}

extension StateDatabase {
    /// The names of the user tables, views or indexes (`type`), sorted.
    func schemaObjects(ofType type: String) async throws -> [String] {
        try await read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name",
                arguments: [type])
        }
    }

    /// The applied migrations, read through the `schema_migrations` view.
    func recordedMigrations() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT version FROM schema_migrations ORDER BY version") }
    }
}
