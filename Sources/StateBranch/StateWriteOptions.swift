public import Foundation
import Git

/// How ``StateBranchStore`` publishes changes: the retry deadline, backoff, timeouts, identity and where
/// unpublished changes go.
public struct StateWriteOptions: Sendable {
    /// How long a batch keeps trying after its first round: a round that loses a push race (or meets network
    /// trouble) is followed by another until this much time has passed since the first began; then the changes go
    /// to a pending file. A time, not a count, because under a burst a job may lose many races in a row and still
    /// be seconds from winning; ten minutes covers every burst the ADR 0008 estimate admits. At least one round
    /// always runs.
    public var deadline: Duration
    /// The backoff ceiling after the first lost round; it doubles each round, up to ``maxBackoff``, and the pause
    /// is drawn at random below it (see ``backoff(after:)``).
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
    /// How long before this writer's deadline other writers stop folding its shared claim (``StateBatch``): its
    /// job gives up at the deadline having done nothing, so a claim folded later would record a started run no job
    /// works on. Covers clock skew between runners; 30 seconds by default. A margin at least the deadline keeps a
    /// claim from ever being folded by others.
    public var claimFoldMargin: Duration
    /// Test hook: when set, after each local commit the store creates this file and waits (up to 30 s, or
    /// until the file is removed) before pushing, so a test can kill the process or move the branch meanwhile.
    public var pauseBeforePush: URL?

    /// The default ``deadline``: ten minutes.
    public static let defaultDeadline: Duration = .seconds(600)

    /// Creates options; the defaults suit an Actions job.
    public init(
        deadline: Duration = defaultDeadline, initialBackoff: Duration = .milliseconds(100),
        maxBackoff: Duration = .seconds(2), transferTimeout: Duration = .seconds(120), authorName: String = "Conveyor",
        authorEmail: String = "conveyor@noreply.invalid", pendingDirectory: URL? = nil, pendingLabel: String = "run",
        pauseBeforePush: URL? = nil, claimFoldMargin: Duration = .seconds(30)
    ) {
        self.claimFoldMargin = claimFoldMargin
        self.deadline = deadline
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

    /// The pause before round `attempt + 1`: a random share of the ceiling ("full jitter"), where the ceiling is
    /// ``initialBackoff`` doubled per lost round up to ``maxBackoff``. Full jitter spreads a burst of jobs that lost
    /// the same race over the whole window, so the next round has few contenders instead of all of them again.
    func backoff(after attempt: Int) -> Duration {
        let doubled = initialBackoff * (1 << min(max(attempt - 1, 0), 20))
        let ceiling = min(doubled, maxBackoff)
        return ceiling * Double.random(in: 0.05...1)
    }
}
