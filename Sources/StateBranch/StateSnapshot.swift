import Foundation
public import Git
public import Store

/// A private, read-only view of the state at the tip of the state branch, for `show`, `log`, `runs` and `export`.
///
/// ``fetch(_:timeout:)`` fetches the branch and opens a scratch copy of the tip's database (an empty, migrated
/// in-memory one when the branch does not exist yet). Nothing is ever pushed. Call ``close()`` when done: it closes
/// the database and removes the copy.
public final class StateSnapshot: Sendable {
    /// The commit read, or nil when the branch does not exist yet.
    public let tip: ObjectID?
    /// The database at ``tip``.
    public let database: StateDatabase
    private let cache: StateCache
    private let scratch: URL?

    private init(tip: ObjectID?, database: StateDatabase, cache: StateCache, scratch: URL?) {
        self.tip = tip
        self.database = database
        self.cache = cache
        self.scratch = scratch
    }

    /// Fetches the state branch of `location` and opens a copy of its database.
    ///
    /// - Throws: ``GitError`` when the fetch fails; ``StoreError`` when the database is corrupt or newer than this
    ///   conveyor (its message says what to do).
    public static func fetch(_ location: StateLocation, timeout: Duration = .seconds(120)) async throws -> StateSnapshot
    {
        let cache = try await StateCache.open(location)
        return try await open(cache, at: try await cache.fetchTip(timeout: timeout))
    }

    /// Opens a copy of the database at `tip` (fetched before) from `cache`; nothing is fetched.
    static func open(_ cache: StateCache, at tip: ObjectID?) async throws -> StateSnapshot {
        guard let tip, let bytes = try await cache.databaseBytes(at: tip) else {
            return StateSnapshot(tip: tip, database: try await StateDatabase.inMemory(), cache: cache, scratch: nil)
        }
        let scratch = cache.scratchFile()
        do {
            try await FileIO.write(bytes, to: scratch)
            let database = try await StateDatabase.open(at: scratch)
            return StateSnapshot(tip: tip, database: database, cache: cache, scratch: scratch)
        } catch {
            await FileIO.removeDatabaseFile(scratch)
            throw error
        }
    }

    /// Fetches a snapshot, runs `body` with it and closes it, whether `body` succeeds or throws.
    public static func reading<T>(
        _ location: StateLocation, timeout: Duration = .seconds(120), _ body: (StateSnapshot) async throws -> T
    ) async throws -> T {
        try await reading(try await fetch(location, timeout: timeout), body)
    }

    /// Runs `body` with `snapshot` and closes it, whether `body` succeeds or throws.
    static func reading<T>(_ snapshot: StateSnapshot, _ body: (StateSnapshot) async throws -> T) async throws -> T {
        do {
            let result = try await body(snapshot)
            try await snapshot.close()
            return result
        } catch {
            try? await snapshot.close()
            throw error
        }
    }

    /// Up to `limit` commits of the branch, newest first; empty when the branch does not exist.
    public func history(limit: Int) async throws -> [CommitSummary] {
        guard let tip else { return [] }
        return try await cache.repository.log(from: tip, limit: limit)
    }

    /// Writes a copy of the database file to `destination`, replacing it; false when the branch holds no database.
    public func copyDatabase(to destination: URL) async throws -> Bool {
        guard let scratch else { return false }
        try await FileIO.write(try await FileIO.read(scratch), to: destination)
        return true
    }

    /// Closes the database and removes the scratch copy.
    public func close() async throws {
        try await database.close()
        if let scratch { await FileIO.removeDatabaseFile(scratch) }
    }
}
