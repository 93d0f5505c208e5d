import Foundation
import GRDB
import Testing

@testable import Store

@Suite struct IntegrityCheckTests {
    @Test func freshDatabaseIsSound() async throws {
        let scratch = try StoreScratch()
        defer { scratch.remove() }
        let database = try await StateDatabase.open(at: scratch.databaseURL)
        let report = try await database.integrityCheck()
        #expect(report.isOK)
        #expect(report.problems.isEmpty)
        #expect(report.description == "integrity check: ok")
        try await database.close()
    }

    @Test func foreignKeyViolationIsReported() async throws {
        let scratch = try StoreScratch()
        defer { scratch.remove() }
        let created = try await StateDatabase.open(at: scratch.databaseURL)
        try await created.close()
        // Another writer that ignored foreign keys left a run pointing at a work item that does not exist.
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let careless = try DatabaseQueue(path: scratch.databaseURL.path, configuration: configuration)
        try await careless.write { db in try Seed.run(db, runID: "orphan", workItem: 999) }
        try careless.close()

        let database = try await StateDatabase.open(at: scratch.databaseURL)
        let report = try await database.integrityCheck()
        try await database.close()

        #expect(!report.isOK)
        #expect(report.problems.map(\.kind) == [.foreignKey])
        #expect(report.problems.first?.detail == "runs row 1 refers to a missing row of work_items")
    }

    @Test func overwrittenIndexPageIsReported() async throws {
        let scratch = try StoreScratch()
        defer { scratch.remove() }
        let database = try await StateDatabase.open(at: scratch.databaseURL)
        try await database.write { db in
            let item = try Seed.workItem(db, number: 1)
            for index in 0..<300 { try Seed.flowEvent(db, key: "event-\(index)", workItem: item) }
        }
        let (pageSize, rootPage) = try await database.read { db in
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let rootPage =
                try Int.fetchOne(
                    db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'flow_events_by_correlation'") ?? 0
            return (pageSize, rootPage)
        }
        try await database.close()
        try #require(pageSize > 0 && rootPage > 1)

        // Overwrite the index's root page with garbage, as a bad disk or a broken copy would.
        let handle = try FileHandle(forUpdating: scratch.databaseURL)
        try handle.seek(toOffset: UInt64((rootPage - 1) * pageSize))
        handle.write(Data(repeating: 0x5A, count: pageSize))
        try handle.close()

        let damaged = try await StateDatabase.open(at: scratch.databaseURL)
        let report = try await damaged.integrityCheck()
        try await damaged.close()

        #expect(!report.isOK)
        #expect(report.problems.contains { $0.kind == .structure && $0.detail.contains("\(rootPage)") })
        #expect(report.description.hasPrefix("integrity check: \(report.problems.count) problem(s)"))
    }

    @Test func nonDatabaseFileIsCorruptAndUntouched() async throws {
        let scratch = try StoreScratch()
        defer { scratch.remove() }
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<8_192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: scratch.databaseURL)

        let error = try await #require(throws: StoreError.self) {
            try await StateDatabase.open(at: scratch.databaseURL)
        }

        #expect(error.code == .corrupt)
        #expect(error.message.contains(scratch.databaseURL.path))
        #expect(error.message.contains("not a SQLite database"))
        #expect(try scratch.databaseBytes() == garbage)
        #expect(try scratch.fileNames() == ["state.sqlite"])
    }
}
