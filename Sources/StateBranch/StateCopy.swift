import Foundation
import GRDB
import Git
import Store

/// Applies a batch of changes to a scratch copy of the database at one branch tip.
enum StateCopy {
    /// What a batch did to the copy.
    struct Batch: Sendable {
        /// One outcome per change.
        let outcomes: [StateChangeOutcome]
        /// The new database file, or nil when the batch changed nothing (or was discarded).
        let newDatabase: Data?
    }

    /// Copies the database at `base` (empty state when nil or absent), applies `changes` in one transaction and
    /// returns the new file's bytes when anything changed. The scratch file is removed afterwards.
    static func apply(_ changes: [StateChange], base: ObjectID?, cache: StateCache) async throws -> Batch {
        let scratch = cache.scratchFile()
        do {
            let batch = try await apply(changes, base: base, cache: cache, scratch: scratch)
            await FileIO.removeDatabaseFile(scratch)
            return batch
        } catch {
            await FileIO.removeDatabaseFile(scratch)
            throw error
        }
    }

    private static func apply(
        _ changes: [StateChange], base: ObjectID?, cache: StateCache, scratch: URL
    ) async throws -> Batch {
        if let base, let bytes = try await cache.databaseBytes(at: base) {
            try await FileIO.write(bytes, to: scratch)
        }
        let database = try await StateDatabase.open(at: scratch)
        let result: (outcomes: [StateChangeOutcome], changed: Bool)
        do {
            result = try await database.write { db in
                let before = db.totalChangesCount
                let outcomes = try StateChangeApplier(db: db).apply(changes)
                return (outcomes, db.totalChangesCount != before)
            }
        } catch let held as StateChangeApplier.LeaseHeld {
            try await database.close()
            var outcomes = Array(repeating: StateChangeOutcome.discarded, count: changes.count)
            outcomes[held.index] = .leaseHeld(held.holder)
            return Batch(outcomes: outcomes, newDatabase: nil)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
        guard result.changed else { return Batch(outcomes: result.outcomes, newDatabase: nil) }
        return Batch(outcomes: result.outcomes, newDatabase: try await FileIO.read(scratch))
    }
}
