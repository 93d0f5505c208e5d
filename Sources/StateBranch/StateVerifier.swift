public import Foundation
import GRDB
import Git
import Store

/// Checks the state branch: linear history, a readable database at the tip that passes SQLite's integrity and
/// foreign-key checks, and every run either finished or holding a live lease.
public enum StateVerifier {
    /// The most commits the history check visits.
    static let historyLimit = 1_000_000

    /// Fetches the branch of `location` and checks it as of `now`.
    ///
    /// - Throws: ``GitError`` when the branch cannot be fetched; problems in the state itself are reported in the
    ///   result, not thrown.
    public static func verify(
        _ location: StateLocation, now: Date = Date(), timeout: Duration = .seconds(120)
    ) async throws -> StateVerification {
        let cache = try await StateCache.open(location)
        guard let tip = try await cache.fetchTip(timeout: timeout) else {
            return StateVerification(tip: nil, commits: 0, runs: 0, problems: [])
        }
        let history = try await cache.repository.log(from: tip, limit: historyLimit)
        var problems = history.filter { $0.parents.count > 1 }.map(Self.mergeProblem)
        guard let bytes = try await cache.databaseBytes(at: tip) else {
            problems.append(Self.missingFile(location, tip: tip))
            return StateVerification(tip: tip.description, commits: history.count, runs: 0, problems: problems)
        }
        let scratch = cache.scratchFile()
        do {
            try await FileIO.write(bytes, to: scratch)
        } catch {
            await FileIO.removeDatabaseFile(scratch)
            throw error
        }
        let (runs, databaseProblems) = await checkDatabase(at: scratch, now: now)
        await FileIO.removeDatabaseFile(scratch)
        return StateVerification(
            tip: tip.description, commits: history.count, runs: runs, problems: problems + databaseProblems)
    }

    /// Opens the copy and runs the integrity and run checks; returns the run count and the problems.
    private static func checkDatabase(at file: URL, now: Date) async -> (Int, [StateVerification.Problem]) {
        let database: StateDatabase
        do {
            database = try await StateDatabase.open(at: file)
        } catch {
            return (0, [.init(kind: "database", detail: String(describing: error), fix: Fixes.database)])
        }
        var result: (Int, [StateVerification.Problem])
        do {
            let integrity = try await database.integrityCheck().problems.map {
                StateVerification.Problem(kind: "integrity", detail: $0.description, fix: Fixes.database)
            }
            let (count, unfinished) = try await unfinishedRuns(database, now: now)
            result = (count, integrity + unfinished.map(Self.unfinishedProblem))
        } catch {
            result = (0, [.init(kind: "database", detail: String(describing: error), fix: Fixes.database)])
        }
        try? await database.close()
        return result
    }

    /// The number of runs, and the runs that are not terminal and hold no lease live at `now`.
    private static func unfinishedRuns(_ database: StateDatabase, now: Date) async throws -> (Int, [RunSummary]) {
        let runs = try await database.runs(limit: Int.max)
        let live = Set(try await database.liveLeases(at: now).map(\.lease.runID))
        return (runs.count, runs.filter { !$0.status.isTerminal && !live.contains($0.runID) })
    }
}
