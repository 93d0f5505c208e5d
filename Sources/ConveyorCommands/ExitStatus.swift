import ArgumentParser

/// The exit statuses `conveyor` documents (docs/user-guide.md). Commands throw these after printing why.
public enum ExitStatus {
    /// The command did what it was asked, including deciding that nothing should run.
    public static let success = ExitCode.success
    /// A check failed (`doctor`, `state verify`) or an unexpected error occurred.
    public static let failure = ExitCode.failure
    /// Another job already holds the work (a duplicate claim); nothing was done.
    public static let duplicate = ExitCode(3)
    /// Bad input that a person must fix: a malformed payload, configuration or variable.
    public static let invalidInput = ExitCode(65)
    /// The job's token lacks a permission the stage needs, or the agent its key or program; nothing was claimed.
    public static let missingAccess = ExitCode(78)
    /// A temporary failure (the forge could not be asked); running the job again may succeed.
    public static let temporaryFailure = ExitCode(75)
}
