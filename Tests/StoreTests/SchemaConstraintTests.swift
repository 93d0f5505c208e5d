import Foundation
import GRDB
import Testing

@testable import Store

@Suite struct SchemaConstraintTests {
    @Test func duplicateIdempotencyKeyIsAConstraintErrorWithoutArguments() async throws {
        let database = try await StateDatabase.inMemory()
        try await database.write { db in
            let item = try Seed.workItem(db, number: 1)
            try Seed.flowEvent(db, key: "comment:1:status", workItem: item)
        }

        let error = try await #require(throws: StoreError.self) {
            try await database.write { db in
                try Seed.flowEvent(db, key: "comment:1:status", workItem: 1, payload: #"{"token":"ghp_secretvalue"}"#)
            }
        }

        #expect(error.code == .constraint)
        #expect(error.message.contains("flow_events.idempotency_key"))
        #expect(!error.description.contains("ghp_secretvalue"))
        #expect(!String(reflecting: error).contains("ghp_secretvalue"))
        #expect(error.sql?.contains("INSERT INTO flow_events") == true)
        try await database.close()
    }

    @Test func flowEventsAreAppendOnly() async throws {
        let database = try await StateDatabase.inMemory()
        try await database.write { db in try Seed.flowEvent(db, key: "event-1", workItem: nil) }

        for statement in ["UPDATE flow_events SET event_type = 'edited'", "DELETE FROM flow_events"] {
            let error = try await #require(throws: StoreError.self) {
                try await database.write { db in try db.execute(sql: statement) }
            }
            #expect(error.code == .constraint)
            #expect(error.message.contains("flow_events is append-only"))
        }
        let count = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM flow_events") }
        #expect(count == 1)
        try await database.close()
    }

    @Test func secondLeaseOnTheSameStageIsRefused() async throws {
        let database = try await StateDatabase.inMemory()
        let insertLease =
            "INSERT INTO leases VALUES (?, 'intake', ?, ?, '2026-01-31T12:00:00Z', '2026-01-31T13:00:00Z')"
        try await database.write { db in
            let item = try Seed.workItem(db, number: 1)
            try Seed.run(db, runID: "run-a", workItem: item)
            try Seed.run(db, runID: "run-b", workItem: item)
            try db.execute(sql: insertLease, arguments: [item, "job-a", "run-a"])
        }

        let error = try await #require(throws: StoreError.self) {
            try await database.write { db in try db.execute(sql: insertLease, arguments: [1, "job-b", "run-b"]) }
        }
        #expect(error.code == .constraint)
        let holder = try await database.read { db in try String.fetchOne(db, sql: "SELECT holder FROM leases") }
        #expect(holder == "job-a")
        try await database.close()
    }

    @Test func missingParentRowIsRefused() async throws {
        let database = try await StateDatabase.inMemory()
        let error = try await #require(throws: StoreError.self) {
            try await database.write { db in try Seed.run(db, runID: "orphan", workItem: 42) }
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("FOREIGN KEY"))
        try await database.close()
    }

    @Test func writeIsRolledBackWhenTheBodyThrows() async throws {
        struct Abandon: Error {}
        let database = try await StateDatabase.inMemory()

        await #expect(throws: Abandon.self) {
            try await database.write { db in
                try Seed.workItem(db, number: 5)
                throw Abandon()
            }
        }
        let count = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM work_items") }
        #expect(count == 0)
        try await database.close()
    }
}
