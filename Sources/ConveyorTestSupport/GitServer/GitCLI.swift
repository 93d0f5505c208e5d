import Dispatch
import Foundation

/// Runs the git command-line tool with a clean, fixed configuration, for fixtures and for checking libgit2's
/// work against git's own view (`git log`, `git fsck --strict`, `git status`).
public enum GitCLI {
    /// The identity fixtures commit as.
    public static let authorName = "Conveyor Fixture"
    /// The email fixtures commit with.
    public static let authorEmail = "fixture@conveyor.invalid"

    /// Variables that keep the user's and the system's git configuration out of the way.
    public static let environment: [String: String] = [
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_AUTHOR_NAME": authorName,
        "GIT_AUTHOR_EMAIL": authorEmail,
        "GIT_COMMITTER_NAME": authorName,
        "GIT_COMMITTER_EMAIL": authorEmail,
    ]

    /// Runs `git ARGUMENTS` in `directory` and returns its standard output without the final newline.
    ///
    /// Blocks the calling thread until git exits. Never call it from Swift's cooperative pool for a command that
    /// talks to a ``GitHTTPServer`` in the same process: the server needs the pool's threads to answer.
    ///
    /// - Throws: ``ProcessFailure`` when git exits non-zero.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:], input: Data? = nil
    ) throws -> String {
        let output = try ProcessRunner.check(
            ["git"] + arguments, in: directory, environment: environment.merging(extra) { _, new in new },
            input: input)
        var text = output.stdout
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// ``run(_:in:environment:input:)`` on a thread of its own (``onOwnThread(_:)``), leaving Swift's cooperative
    /// pool free: use it for git commands that talk to a ``GitHTTPServer`` running in the same process.
    @discardableResult
    public static func runDetached(
        _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:], input: Data? = nil
    ) async throws -> String {
        try await onOwnThread { try run(arguments, in: directory, environment: extra, input: input) }
    }

    /// Runs `git ARGUMENTS` and returns what it left behind, whether or not it succeeded.
    public static func attempt(
        _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]
    ) throws -> ProcessOutput {
        try ProcessRunner.run(
            ["git"] + arguments, in: directory, environment: environment.merging(extra) { _, new in new })
    }
}
