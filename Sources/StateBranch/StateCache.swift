import Foundation
import Git

/// The local bare repository that mirrors the state branch of one ``StateLocation``.
///
/// Lives in `<cache>/state.git`; scratch copies of the database go to `<cache>/scratch`. All git work goes through
/// ``Repository`` (libgit2 on the repository's own serial queue).
struct StateCache {
    let location: StateLocation
    let repository: Repository

    /// Opens the cache repository, creating the cache directory and the repository when they are missing.
    static func open(_ location: StateLocation) async throws -> StateCache {
        let directory = location.cacheDirectory.appendingPathComponent("state.git", isDirectory: true)
        try await FileIO.createDirectory(location.cacheDirectory.appendingPathComponent("scratch"))
        let repository = try await Repository.initialize(at: directory, bare: true)
        return StateCache(location: location, repository: repository)
    }

    /// The remote-tracking reference the branch is fetched into.
    var trackingReference: String { "refs/remotes/origin/\(location.branch)" }

    /// Fetches the branch and returns its tip, or nil when the remote has no such branch yet (empty state).
    func fetchTip(timeout: Duration) async throws -> ObjectID? {
        try await repository.fetch(
            from: .url(location.remote), refspecs: ["+refs/heads/\(location.branch):\(trackingReference)"],
            credentials: location.credentials, timeout: timeout)
        return try await repository.resolve(trackingReference)
    }

    /// Where writers share batches on the remote (``StateBatch``): `refs/conveyor/batches/<branch>/`.
    var sharedBatchPrefix: String { "refs/conveyor/batches/\(location.branch)/" }

    /// Where fetched batches are mirrored locally; emptied before each fetch, so it holds what the remote has now.
    var seenBatchPrefix: String { "refs/conveyor/seen-batches/\(location.branch)/" }

    /// Fetches the branch and every shared batch in one transfer; returns the tip (nil when the branch does not
    /// exist yet) and the batches, each with its remote reference. A batch that cannot be read (written by a
    /// newer conveyor, or damaged) is returned as nil beside its reference, so it can still be cleaned up.
    func fetchTipAndBatches(timeout: Duration) async throws -> (
        tip: ObjectID?, batches: [(reference: String, batch: StateBatch?)]
    ) {
        try await repository.deleteReferences(under: seenBatchPrefix)
        try await repository.fetch(
            from: .url(location.remote),
            refspecs: [
                "+refs/heads/\(location.branch):\(trackingReference)", "+\(sharedBatchPrefix)*:\(seenBatchPrefix)*",
            ],
            credentials: location.credentials, timeout: timeout)
        var batches: [(reference: String, batch: StateBatch?)] = []
        for (name, id) in try await repository.references(under: seenBatchPrefix) {
            let bytes = try? await repository.readBlob(at: id.description, path: StateBatch.file)
            batches.append(
                (
                    sharedBatchPrefix + name.dropFirst(seenBatchPrefix.count),
                    bytes.flatMap { try? StateBatch.decode($0) }
                ))
        }
        return (try await repository.resolve(trackingReference), batches)
    }

    /// The database file's bytes in commit `tip`, or nil when the commit has no such file.
    func databaseBytes(at tip: ObjectID) async throws -> Data? {
        try await repository.readBlob(at: tip.description, path: location.file)
    }

    /// A fresh path for a scratch copy of the database; nothing exists there yet.
    func scratchFile() -> URL {
        location.cacheDirectory.appendingPathComponent("scratch", isDirectory: true)
            .appendingPathComponent("\(UUID().uuidString.lowercased()).sqlite")
    }
}
