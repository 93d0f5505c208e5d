import Foundation
import GRDB
import Testing

@testable import Store

@Suite struct MigrationTests {
    /// A migration a later conveyor might add: a column and a table, nothing removed.
    static let laterMigration = StateMigration(identifier: "v2_test_priority") { db in
        try db.execute(sql: "ALTER TABLE work_items ADD COLUMN priority INTEGER")
        try db.execute(sql: "CREATE TABLE test_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    }

    @Test func unknownMigrationIsRefusedAndTheFileIsUntouched() async throws {
        let scratch = try StoreScratch()
        defer { scratch.remove() }
        let database = try await StateDatabase.open(at: scratch.databaseURL)
        try await database.write { db in
            try Seed.workItem(db, number: 3)
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9_from_the_future')")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v8_from_the_future')")
        }
        try await database.close()
        let before = try scratch.databaseBytes()

        let error = try await #require(throws: StoreError.self) {
            try await StateDatabase.open(at: scratch.databaseURL)
        }

        #expect(error.code == .schemaTooNew)
        #expect(error.message.contains("newer conveyor"))
        #expect(error.message.contains("v8_from_the_future, v9_from_the_future"))
        #expect(error.message.contains("it was not modified"))
        #expect(error.message.contains(scratch.databaseURL.path))
        #expect(try scratch.databaseBytes() == before)
        #expect(try scratch.fileNames() == ["state.sqlite"])
    }

    @Test func codeMatchesInCatchClauses() async throws {
        let scratch = try StoreScratch()
        defer { scratch.remove() }
        let newer = try await StateDatabase.open(
            at: scratch.databaseURL, migrations: StateSchema.migrations + [Self.laterMigration])
        try await newer.close()

        var matched = false
        do {
            _ = try await StateDatabase.open(at: scratch.databaseURL)
        } catch StoreError.Code.schemaTooNew {
            matched = true
        }
        #expect(matched)
    }

    @Test func laterAdditiveMigrationUpgradesWithoutLosingRows() async throws {
        let scratch = try StoreScratch()
        defer { scratch.remove() }
        let old = try await StateDatabase.open(at: scratch.databaseURL)
        try await old.write { db in
            let item = try Seed.workItem(db, number: 12)
            try Seed.run(db, runID: "run-1", workItem: item)
            try Seed.flowEvent(db, key: "event-1", workItem: item, payload: #"{"label":"run:intake"}"#)
        }
        try await old.close()

        let upgraded = try await StateDatabase.open(
            at: scratch.databaseURL, migrations: StateSchema.migrations + [Self.laterMigration])
        let rows = try await upgraded.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT w.number, w.priority, r.run_id, e.payload_json
                    FROM work_items w JOIN runs r ON r.work_item = w.id JOIN flow_events e ON e.work_item = w.id
                    """
            ).map { row in
                SurvivingRow(
                    number: row["number"], priority: row["priority"], runID: row["run_id"],
                    payload: row["payload_json"])
            }
        }
        #expect(rows == [SurvivingRow(number: 12, priority: nil, runID: "run-1", payload: #"{"label":"run:intake"}"#)])
        #expect(try await upgraded.recordedMigrations() == ["v1_state_tables", "v2_flows", "v2_test_priority"])
        #expect(try await upgraded.integrityCheck().isOK)
        try await upgraded.close()
        #expect(try scratch.fileNames() == ["state.sqlite"])
    }
}

/// The columns of a work item, its run and its event, as read back after an upgrade.
private struct SurvivingRow: Equatable, Sendable {
    let number: Int
    let priority: Int?
    let runID: String
    let payload: String
}
