public import Foundation
public import GRDB
import Synchronization

/// Conveyor's state database (`state.sqlite`), which is committed to the state branch.
///
/// Concurrency: the SQLite connection lives inside a GRDB `DatabaseQueue`, which confines it to its
/// own serial dispatch queue. GRDB's async ``read(_:)`` and ``write(_:)`` suspend the caller and run the
/// closure on that queue, so SQLite never blocks a thread of Swift's cooperative pool. Opening and
/// closing, which GRDB only offers synchronously, run on a private serial queue for the same reason.
///
/// The file uses the rollback journal (`journal_mode=DELETE`), not WAL: it is committed to git as one
/// file, so no `-wal` or `-shm` companion may exist after ``close()``.
public final class StateDatabase: Sendable {
    /// The database file, or nil for an in-memory database.
    public let url: URL?
    /// The GRDB connection; internal so that extensions in this module can use GRDB's other access modes.
    let queue: DatabaseQueue
    private let isClosed = Mutex(false)

    /// The database file's path, or nil in memory; what error messages name.
    var filePath: String? { url?.path }

    private init(queue: DatabaseQueue, url: URL?) {
        self.queue = queue
        self.url = url
    }

    /// Opens the state database at `url`, creating the file if it is absent, and runs pending migrations.
    ///
    /// - Throws: ``StoreError`` with code ``StoreError/Code/schemaTooNew`` when the file records
    ///   migrations this binary does not know (the file is left unmodified), ``StoreError/Code/corrupt``
    ///   when it is not a SQLite database, ``StoreError/Code/io`` when it cannot be opened.
    public static func open(at url: URL) async throws -> StateDatabase {
        try await open(at: url, migrations: StateSchema.migrations)
    }

    /// Opens an empty, fully migrated database that lives in memory; for tests.
    public static func inMemory() async throws -> StateDatabase {
        let migrator = StateSchema.migrator()
        return try await BlockingCalls.run {
            try StoreError.converting(operation: "open", path: nil) {
                let queue = try DatabaseQueue(configuration: configuration(readOnly: false, fileBacked: false))
                try migrator.migrate(queue)
                return StateDatabase(queue: queue, url: nil)
            }
        }
    }

    /// Opens `url` and migrates it with `migrations` (tests pass a longer list to simulate an upgrade).
    static func open(at url: URL, migrations: [StateMigration]) async throws -> StateDatabase {
        let path = url.path
        let migrator = StateSchema.migrator(for: migrations)
        return try await BlockingCalls.run {
            try StoreError.converting(operation: "open", path: path) {
                if FileManager.default.fileExists(atPath: path) {
                    try refuseNewerSchemaWithoutWriting(path: path, migrator: migrator)
                }
                let queue = try DatabaseQueue(
                    path: path, configuration: configuration(readOnly: false, fileBacked: true))
                do {
                    try migrator.migrate(queue)
                } catch {
                    try? queue.close()
                    throw error
                }
                return StateDatabase(queue: queue, url: url)
            }
        }
    }

    /// Reads from the database inside one read transaction, on the connection's serial queue.
    ///
    /// - Throws: ``StoreError`` for SQLite failures; errors thrown by `body` itself pass through unchanged.
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try ensureOpen()
        return try await StoreError.converting(operation: "read", path: filePath) {
            try await queue.read(body)
        }
    }

    /// Writes to the database inside one transaction, committed when `body` returns and rolled back when
    /// it throws, on the connection's serial queue.
    ///
    /// - Throws: ``StoreError`` for SQLite failures (a duplicate idempotency key is
    ///   ``StoreError/Code/constraint``); errors thrown by `body` itself pass through unchanged.
    @discardableResult
    public func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try ensureOpen()
        return try await StoreError.converting(operation: "write", path: filePath) {
            try await queue.write(body)
        }
    }

    /// Closes the connection. The rollback journal is gone by then, so only the database file remains.
    /// Calling it again does nothing; any later ``read(_:)`` or ``write(_:)`` throws
    /// ``StoreError/Code/closed``.
    public func close() async throws {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        let queue = queue
        let path = filePath
        try await BlockingCalls.run {
            try StoreError.converting(operation: "close", path: path) { try queue.close() }
        }
    }

    /// Throws ``StoreError/Code/closed`` once ``close()`` was called.
    func ensureOpen() throws {
        guard !isClosed.withLock({ $0 }) else {
            throw StoreError(.closed, message: StoreError.Messages.closed(path: filePath), path: filePath)
        }
    }
}
