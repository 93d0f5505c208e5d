import ArgumentParser

/// The documented exit codes of `conveyor state …` beyond 0 (done) and 1 (failed or problems found).
enum StateExitCode {
    /// `claim`: another live run holds the lease; this job is a duplicate and must do nothing.
    static let duplicate = ExitCode(3)
    /// The change could not be pushed; it was saved to a pending-state file for `conveyor state replay`.
    static let notPublished = ExitCode(4)
}
