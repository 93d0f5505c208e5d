import Foundation
import Git
import Store

extension StateBranchStore {
    /// Why publishing stopped, and after how many rounds.
    struct PublishFailure: Error {
        let cause: any Error
        let attempts: Int
    }

    /// The result of one fetch–apply–commit–push round.
    private enum Round {
        case finished(StateCommitResult)
        case rejected(String)
    }

    /// Runs rounds until one push wins, nothing needs pushing, or `deadline` (normally
    /// ``StateWriteOptions/deadline``) has passed since the first round began; between rounds it sleeps a
    /// jittered backoff (never past the deadline).
    ///
    /// After the first lost race the batch is shared on the remote (``StateBatch``), so the writer that wins next
    /// folds it into its commit; each round then either finds the changes already there (they change nothing:
    /// done) or pushes them itself, with every other shared batch it fetched. A claim that was shared and then
    /// given up is withdrawn, so nobody folds it later.
    ///
    /// - Throws: ``PublishFailure`` for every failure, including the deadline.
    func publish(_ changes: [StateChange], message: String, deadline limit: Duration) async throws
        -> StateCommitResult
    {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        let batch = StateBatch(changes: changes, message: message, deadline: limit, margin: options.claimFoldMargin)
        var shared: String?
        var lastRejection = ""
        var attempt = 0
        do {
            while true {
                attempt += 1
                do {
                    switch try await round(batch, attempt: attempt, shared: shared) {
                    case .finished(let result): return result
                    case .rejected(let reason): lastRejection = reason
                    }
                } catch  where Self.isTransient(error) && clock.now < deadline {
                    lastRejection = String(describing: error)
                } catch {
                    throw PublishFailure(cause: error, attempts: attempt)
                }
                let pause = options.backoff(after: attempt)
                guard clock.now + pause < deadline else { break }
                if shared == nil { shared = try? await share(batch) }
                do {
                    try await Task.sleep(for: pause)
                } catch {
                    throw PublishFailure(cause: error, attempts: attempt)
                }
            }
            let cause = StateBranchError(
                .notPublished,
                message: StateBranchError.Messages.deadlinePassed(
                    limit, attempts: attempt, lastRejection: lastRejection))
            throw PublishFailure(cause: cause, attempts: attempt)
        } catch {
            if let shared, batch.foldableUntil != nil { await withdraw(shared) }
            throw error
        }
    }

    /// One round: fetch the tip and the shared batches, apply the batch (then fold the others) on a copy of the
    /// tip's database, commit on the tip, push; on a win, delete the shared batches it folded or saw.
    private func round(_ batch: StateBatch, attempt: Int, shared: String?) async throws -> Round {
        let cache = try await cache()
        let (base, fetched) = try await cache.fetchTipAndBatches(timeout: options.transferTimeout)
        let now = Date()
        let others = fetched.filter { $0.batch?.id != batch.id }
        let foldable = others.compactMap(\.batch).filter { $0.isFoldable(at: now) }
        let result = try await StateCopy.apply(batch.changes, folding: foldable, base: base, cache: cache)
        guard let bytes = result.newDatabase else {
            lastTip = base
            return .finished(StateCommitResult(outcomes: result.outcomes, commit: nil, base: base, attempts: attempt))
        }
        let folded = result.folded.isEmpty ? "" : "\n\nFolded \(result.folded.count) shared batch(es)."
        // Files that go beside the database (incident reports), the batch's and those of the batches it folded.
        let foldedChanges = foldable.filter { result.folded.contains($0.id) }.flatMap(\.changes)
        let files = (batch.changes + foldedChanges).reduce([location.file: bytes]) {
            $0.merging($1.branchFiles) { old, _ in old }
        }
        let commit = try await cache.repository.commit(
            files, parent: base, updating: outgoingReference, message: batch.message + folded,
            author: options.signature())
        try await pauseBeforePushForTests()
        let outcome = try await cache.repository.push(
            outgoingReference, to: location.branch, remote: .url(location.remote),
            credentials: location.credentials, timeout: options.transferTimeout)
        switch outcome {
        case .pushed:
            lastTip = commit
            // Every batch seen is now on the branch or refused for good (its owner applies it itself); the
            // references only cost later fetches. Best effort: the next winner deletes what this one could not.
            let seen = others.map(\.reference) + (shared.map { [$0] } ?? [])
            try? await cache.repository.deleteRemoteReferences(
                seen, remote: .url(location.remote), credentials: location.credentials,
                timeout: options.transferTimeout)
            return .finished(
                StateCommitResult(outcomes: result.outcomes, commit: commit, base: base, attempts: attempt))
        case .rejectedNonFastForward(let reason):
            return .rejected(reason)
        }
    }

    /// Pushes `batch` to a reference of its own under ``StateCache/sharedBatchPrefix`` (a new name: no race) and
    /// returns that reference.
    private func share(_ batch: StateBatch) async throws -> String {
        let cache = try await cache()
        let local = "refs/conveyor/outgoing-batches/\(batch.id)"
        _ = try await cache.repository.commit(
            [StateBatch.file: try batch.encoded()], parent: nil, updating: local, message: batch.message,
            author: options.signature())
        let remote = cache.sharedBatchPrefix + batch.id
        let outcome = try await cache.repository.push(
            local, to: remote, remote: .url(location.remote), credentials: location.credentials,
            timeout: options.transferTimeout)
        guard outcome == .pushed else {
            throw StateBranchError(.notPublished, message: "The shared batch \(remote) could not be created.")
        }
        return remote
    }

    /// Deletes a shared claim its owner gave up on (best effort, a few seconds at most, in a task of its own so a
    /// cancelled job still does it); a writer that folded it meanwhile made it a started run whose lease this
    /// job's re-run takes over.
    private func withdraw(_ reference: String) async {
        guard let cache = try? await cache() else { return }
        let location = location
        await Task {
            try? await cache.repository.deleteRemoteReferences(
                [reference], remote: .url(location.remote), credentials: location.credentials, timeout: .seconds(5))
        }.value
    }

    /// The test hook of ``StateWriteOptions/pauseBeforePush``: create the marker, wait while it exists (≤ 30 s).
    private func pauseBeforePushForTests() async throws {
        guard let marker = options.pauseBeforePush else { return }
        try await FileIO.write(Data("\(ProcessInfo.processInfo.processIdentifier)\n".utf8), to: marker)
        let deadline = ContinuousClock.now + .seconds(30)
        while await FileIO.exists(marker), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// True for failures another round may cure: lost lock races and network trouble, not refusals.
    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? GitError {
            if [.auth, .certificate, .pushRejected, .cancelled].contains(error.code) { return false }
            if [.timedOut, .unexpectedEOF, .locked, .modified].contains(error.code) { return true }
            return [.net, .http, .os, .ssl].contains(error.klass)
        }
        if let error = error as? StoreError { return error.code == .busy }
        return false
    }
}
