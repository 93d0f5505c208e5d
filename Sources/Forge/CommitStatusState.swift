/// The state of a commit status. Gitea knows all six; GitHub only the first four (see
/// ``gitHubEquivalent``).
public enum CommitStatusState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Still running.
    case pending
    /// Passed.
    case success
    /// Failed.
    case failure
    /// Could not run.
    case error
    /// Passed with a warning (Gitea only).
    case warning
    /// Not run because it did not apply (Gitea only).
    case skipped

    /// The state GitHub is sent, since it has no `warning` or `skipped`: a warning becomes `failure`,
    /// so that a required check never passes on GitHub when it would warn on Gitea, and skipped becomes
    /// `success`, since nothing that applied failed. The other states are unchanged.
    public var gitHubEquivalent: CommitStatusState {
        switch self {
        case .warning: .failure
        case .skipped: .success
        case .pending, .success, .failure, .error: self
        }
    }
}
