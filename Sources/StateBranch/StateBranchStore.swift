import Foundation
import Git

/// Writes Conveyor's state: the SQLite file on the state branch, changed by compare-and-swap pushes.
///
/// ``apply(_:message:)`` fetches the branch, applies a batch of ``StateChange`` values to a copy of the tip's
/// database in one transaction, commits the new file on the fetched tip and pushes without force. When another
/// job pushed first, the push is rejected, and the store fetches again and replays the same changes on the new
/// tip, with jittered exponential backoff, until ``StateWriteOptions/deadline`` (minutes) has passed. Never "last
/// writer wins": a binary file cannot be merged. When it cannot publish, it saves the changes to a pending-state file and throws
/// ``StateBranchError`` naming that file.
///
/// Concurrency: an actor; calls to ``apply(_:message:)`` on one store run one after another. libgit2 work runs on
/// the cache ``Repository``'s queue and SQLite work on ``Store/StateDatabase``'s, never on this actor's thread.
/// Several processes (or stores) may write the same branch at once when each has its own cache directory.
public actor StateBranchStore {
    /// Where the state lives.
    public nonisolated let location: StateLocation
    /// How changes are published.
    public nonisolated let options: StateWriteOptions

    /// The local reference commits are built on before they are pushed; unique to this store, so stores sharing
    /// a cache directory never push each other's commits.
    let outgoingReference = "refs/conveyor/outgoing/\(UUID().uuidString.lowercased())"
    private var openedCache: StateCache?
    private var queueTail: Task<Void, Never>?
    /// The branch tip after this store's last write: the commit it pushed, or the tip it found its changes
    /// already on; nil before the first write.
    var lastTip: ObjectID?

    /// Creates a store; nothing is fetched until the first ``apply(_:message:)``.
    public init(location: StateLocation, options: StateWriteOptions = StateWriteOptions()) {
        self.location = location
        self.options = options
    }

    /// Applies `changes` in one transaction and publishes the result on the state branch.
    ///
    /// - Parameters:
    ///   - changes: the logical changes, applied in order; the batch is all-or-nothing.
    ///   - message: the commit message; name the run, e.g. `state: claim dev on owner/repo#12 (run 42-1)`.
    ///   - deadline: how long to keep retrying; ``StateWriteOptions/deadline`` when nil (a cancelled job passes
    ///     a few seconds, to record its end before SIGKILL).
    /// - Returns: the outcome of each change and the pushed commit. When a ``StateChange/claimLease(_:)`` meets
    ///   another run's live lease, or when nothing changed, nothing is committed and ``StateCommitResult/commit``
    ///   is nil.
    /// - Throws: ``StateBranchError`` with code ``StateBranchError/Code/notPublished`` (and
    ///   ``StateBranchError/pendingFile``) when the changes could not be pushed.
    public func apply(
        _ changes: [StateChange], message: String, deadline: Duration? = nil
    ) async throws -> StateCommitResult {
        let previous = queueTail
        let work = Task {
            await previous?.value
            return try await self.publishOrSave(changes, message: message, deadline: deadline ?? options.deadline)
        }
        queueTail = Task { _ = await work.result }
        return try await withTaskCancellationHandler {
            try await work.value
        } onCancel: {
            work.cancel()
        }
    }

    /// Reads the state as this store's last write left it, without fetching: the job that claimed a work item
    /// reads its history from the tip its claim landed on (no other job writes that item's stage while the lease
    /// is held). Before any write it fetches, as ``StateSnapshot/reading(_:timeout:_:)`` does.
    public nonisolated func readingLastWrite<T>(_ body: (StateSnapshot) async throws -> T) async throws -> T {
        guard let last = await lastWrite() else {
            return try await StateSnapshot.reading(location, timeout: options.transferTimeout, body)
        }
        return try await StateSnapshot.reading(try await StateSnapshot.open(last.cache, at: last.tip), body)
    }

    private func lastWrite() -> (cache: StateCache, tip: ObjectID)? {
        guard let lastTip, let openedCache else { return nil }
        return (openedCache, lastTip)
    }

    /// The cache repository, opened on first use.
    func cache() async throws -> StateCache {
        if let openedCache { return openedCache }
        let cache = try await StateCache.open(location)
        openedCache = cache
        return cache
    }

    /// Publishes the changes; on any failure saves them to a pending-state file and throws the error naming it.
    /// A batch that claims a lease is never saved (``StateBranchError/Code/notClaimed``): until its push lands, no
    /// job holds the work, so there is nothing true to record later.
    private func publishOrSave(
        _ changes: [StateChange], message: String, deadline: Duration
    ) async throws -> StateCommitResult {
        do {
            return try await publish(changes, message: message, deadline: deadline)
        } catch let failure as PublishFailure {
            if changes.contains(where: \.isClaim) {
                throw StateBranchError(
                    .notClaimed,
                    message: StateBranchError.Messages.notClaimed(
                        branch: location.branch, remote: Remote.url(location.remote).description,
                        attempts: failure.attempts, cause: Self.sentence(failure.cause)))
            }
            throw savePending(changes, message: message, failure: failure)
        }
    }
}
