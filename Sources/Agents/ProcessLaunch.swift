import Foundation

/// A program to start in its own process group, with files (never pipes) for its standard streams.
struct ProcessLaunch: Sendable {
    /// The program's absolute path.
    var executable: URL
    /// Its arguments, without the program itself.
    var arguments: [String]
    /// Its whole environment (already scrubbed).
    var environment: [String: String]
    /// Its current directory.
    var workingDirectory: URL
    /// The file read as standard input.
    var standardInput: URL
    /// The file standard output is written to (truncated first).
    var standardOutput: URL
    /// The file standard error is written to (truncated first).
    var standardError: URL
    /// The wall-clock limit.
    var timeout: Duration
    /// How long after SIGTERM the group gets SIGKILL.
    var terminationGrace: Duration
}
