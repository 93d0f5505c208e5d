import Foundation

/// A program to start in its own process group, with files (never pipes) for its standard streams.
package struct ProcessLaunch: Sendable {
    /// The program's absolute path.
    package var executable: URL
    /// Its arguments, without the program itself.
    package var arguments: [String]
    /// Its whole environment (already scrubbed).
    package var environment: [String: String]
    /// Its current directory.
    package var workingDirectory: URL
    /// The file read as standard input.
    package var standardInput: URL
    /// The file standard output is written to (truncated first).
    package var standardOutput: URL
    /// The file standard error is written to (truncated first).
    package var standardError: URL
    /// The wall-clock limit.
    package var timeout: Duration
    /// How long after SIGTERM the group gets SIGKILL.
    package var terminationGrace: Duration
    /// Asked every ``SpendWatch/interval`` while the program runs; when it gives a reason, the group is ended as at
    /// the timeout and the exit carries the reason (``ProcessExit/ceilingReached``). Nil: nothing is watched.
    package var watch: SpendWatch?

    /// Creates a launch.
    package init(
        executable: URL, arguments: [String], environment: [String: String], workingDirectory: URL,
        standardInput: URL, standardOutput: URL, standardError: URL, timeout: Duration, terminationGrace: Duration
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timeout = timeout
        self.terminationGrace = terminationGrace
    }
}

/// A check run periodically while an agent works, that may end it early (the Codex spend ceiling).
package struct SpendWatch: Sendable {
    /// How often ``check`` runs.
    package var interval: Duration
    /// Why the run must stop now, or nil to let it go on. Runs on the cooperative pool: it must be quick (read a
    /// little of a file, never wait).
    package var check: @Sendable () -> String?

    /// Creates a watch.
    package init(interval: Duration, check: @escaping @Sendable () -> String?) {
        self.interval = interval
        self.check = check
    }
}
