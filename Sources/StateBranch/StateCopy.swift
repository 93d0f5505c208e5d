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
        /// The ids of the other writers' batches folded into ``newDatabase`` after the batch.
        var folded: [String] = []
    }

    /// Copies the database at `base` (empty state when nil or absent), applies `changes` in one transaction and
    /// returns the new file's bytes when anything changed. The scratch file is removed afterwards.
    ///
    /// `folding` are other writers' batches (``StateBatch``), applied after `changes`, oldest first, each in a
    /// savepoint of its own: one that fails (a held lease, a run not recorded) is left out. They are applied only
    /// when `changes` changed something; whether `changes` changed anything is judged against `base` alone, so a
    /// batch is never taken as published because a folded copy of it (an earlier attempt's) made it a no-op here.
    static func apply(
        _ changes: [StateChange], folding: [StateBatch] = [], base: ObjectID?, cache: StateCache
    ) async throws -> Batch {
        let scratch = cache.scratchFile()
        do {
            let batch = try await apply(changes, folding: folding, base: base, cache: cache, scratch: scratch)
            await FileIO.removeDatabaseFile(scratch)
            return batch
        } catch {
            await FileIO.removeDatabaseFile(scratch)
            throw error
        }
    }

    private static func apply(
        _ changes: [StateChange], folding: [StateBatch], base: ObjectID?, cache: StateCache, scratch: URL
    ) async throws -> Batch {
        if let base, let bytes = try await cache.databaseBytes(at: base) {
            try await FileIO.write(bytes, to: scratch)
        }
        let database = try await StateDatabase.open(at: scratch)
        let ordered = folding.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        let result: (outcomes: [StateChangeOutcome], changed: Bool, folded: [String])
        do {
            result = try await database.write { db in
                let before = db.totalChangesCount
                let outcomes = try StateChangeApplier(db: db).apply(changes)
                guard db.totalChangesCount != before else { return (outcomes, false, []) }
                var folded: [String] = []
                for other in ordered {
                    do {
                        try db.inSavepoint {
                            _ = try StateChangeApplier(db: db).apply(other.changes)
                            return .commit
                        }
                        folded.append(other.id)
                    } catch {
                        continue  // its owner applies it itself and meets the same answer
                    }
                }
                return (outcomes, true, folded)
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
        return Batch(
            outcomes: result.outcomes, newDatabase: try await FileIO.read(scratch), folded: result.folded)
    }
}
