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
    /// - Throws: ``PublishFailure`` for every failure, including the deadline.
    func publish(_ changes: [StateChange], message: String, deadline limit: Duration) async throws
        -> StateCommitResult
    {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var lastRejection = ""
        var attempt = 0
        while true {
            attempt += 1
            do {
                switch try await round(changes, message: message, attempt: attempt) {
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
    }

    /// One round: fetch the tip, apply the batch to a copy of its database, commit on the tip, push.
    private func round(_ changes: [StateChange], message: String, attempt: Int) async throws -> Round {
        let cache = try await cache()
        let base = try await cache.fetchTip(timeout: options.transferTimeout)
        let batch = try await StateCopy.apply(changes, base: base, cache: cache)
        guard let bytes = batch.newDatabase else {
            return .finished(StateCommitResult(outcomes: batch.outcomes, commit: nil, base: base, attempts: attempt))
        }
        let commit = try await cache.repository.commit(
            changes.reduce([location.file: bytes]) { $0.merging($1.branchFiles) { old, _ in old } }, parent: base,
            updating: outgoingReference, message: message,
            author: options.signature())
        try await pauseBeforePushForTests()
        let outcome = try await cache.repository.push(
            outgoingReference, to: location.branch, remote: .url(location.remote),
            credentials: location.credentials, timeout: options.transferTimeout)
        switch outcome {
        case .pushed:
            return .finished(StateCommitResult(outcomes: batch.outcomes, commit: commit, base: base, attempts: attempt))
        case .rejectedNonFastForward(let reason):
            return .rejected(reason)
        }
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
