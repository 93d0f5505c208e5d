public import Foundation
import Git

/// How ``StateBranchStore`` publishes changes: retry bounds, timeouts, identity and where unpublished changes go.
public struct StateWriteOptions: Sendable {
    /// How many fetch–apply–commit–push rounds to try before saving the changes to a pending file.
    public var maxAttempts: Int
    /// The backoff after the first rejected round; it doubles each round, up to ``maxBackoff``, with jitter.
    public var initialBackoff: Duration
    /// The longest backoff between two rounds.
    public var maxBackoff: Duration
    /// The bound on each fetch and each push.
    public var transferTimeout: Duration
    /// The name commits are authored with.
    public var authorName: String
    /// The email commits are authored with.
    public var authorEmail: String
    /// Where pending-state files go (e.g. `$RUNNER_TEMP`); the cache directory when nil.
    public var pendingDirectory: URL?
    /// Names the pending-state file, `conveyor-pending-state-<label>.json`; usually the Actions run.
    public var pendingLabel: String
    /// Test hook: when set, after each local commit the store creates this file and waits (up to 30 s, or
    /// until the file is removed) before pushing, so a test can kill the process or move the branch meanwhile.
    public var pauseBeforePush: URL?

    /// Creates options; the defaults suit an Actions job.
    public init(
        maxAttempts: Int = 10, initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(5),
        transferTimeout: Duration = .seconds(120), authorName: String = "Conveyor",
        authorEmail: String = "conveyor@noreply.invalid", pendingDirectory: URL? = nil, pendingLabel: String = "run",
        pauseBeforePush: URL? = nil
    ) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.transferTimeout = transferTimeout
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.pendingDirectory = pendingDirectory
        self.pendingLabel = pendingLabel
        self.pauseBeforePush = pauseBeforePush
    }

    /// The signature of a commit made now.
    func signature() -> Signature {
        Signature(name: authorName, email: authorEmail, date: Date())
    }

    /// The pause before round `attempt + 1`: half the doubled backoff plus a random share of the other half.
    func backoff(after attempt: Int) -> Duration {
        let doubled = initialBackoff * (1 << min(max(attempt - 1, 0), 20))
        let ceiling = min(doubled, maxBackoff)
        return ceiling / 2 + ceiling / 2 * Double.random(in: 0...1)
    }
}
