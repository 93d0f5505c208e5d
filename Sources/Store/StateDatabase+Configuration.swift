import GRDB

extension StateDatabase {
    /// How long a connection waits for another process's lock before failing with
    /// ``StoreError/Code/busy``.
    static let busyTimeout: Double = 10

    /// The GRDB configuration of every state connection: foreign keys on, a bounded busy timeout, and for
    /// a writable file the rollback journal (`journal_mode=DELETE`) so no WAL files are ever created.
    static func configuration(readOnly: Bool, fileBacked: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.label = "conveyor.state"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.readonly = readOnly
        if fileBacked && !readOnly {
            configuration.prepareDatabase { db in
                // 1 KiB pages for a new file (an existing one keeps its size): most tables and indexes hold a few
                // rows, each takes at least one page, and the whole file is hashed, compressed, pushed and fetched
                // with every state commit (ADR 0008): with 4 KiB pages a file with one run was ~190 KiB.
                try db.execute(sql: "PRAGMA page_size = 1024")
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                guard mode == "delete" else {
                    throw DatabaseError(
                        resultCode: .SQLITE_IOERR, message: "journal_mode stayed \(mode ?? "unknown"), not delete")
                }
            }
        }
        return configuration
    }

    /// Checks an existing file for unknown migrations through a read-only connection, so a file written
    /// by a newer conveyor is refused without a single byte changed (not even a journal-mode switch).
    static func refuseNewerSchemaWithoutWriting(path: String, migrator: DatabaseMigrator) throws {
        let reader = try DatabaseQueue(path: path, configuration: configuration(readOnly: true, fileBacked: true))
        defer { try? reader.close() }
        try reader.read { db in
            try StateSchema.refuseNewerSchema(db, migrator: migrator, path: path)
        }
    }
}
