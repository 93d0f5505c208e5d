import Foundation

/// Finds the real Claude Code CLI for the tests that run it.
///
/// `CONVEYOR_CLAUDE_BIN` wins; otherwise the binary bundled in the PyPI package `claude-agent-sdk`. When neither
/// exists the tests fail (never skip): CI installs the CLI with `scripts/install-agent-clis`.
public enum ClaudeBinary {
    /// The CLI could not be found.
    public struct Missing: Error, CustomStringConvertible {
        /// Where it was looked for.
        public let detail: String
        public var description: String {
            "The Claude Code CLI was not found (\(detail)). Run scripts/install-agent-clis, or set "
                + "CONVEYOR_CLAUDE_BIN to the `claude` binary."
        }
    }

    /// The CLI's absolute path.
    public static func locate() throws -> String {
        if let override = ProcessInfo.processInfo.environment["CONVEYOR_CLAUDE_BIN"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw Missing(detail: "CONVEYOR_CLAUDE_BIN=\(override) is not executable")
            }
            return override
        }
        let script =
            "import claude_agent_sdk, os; "
            + "print(os.path.join(os.path.dirname(claude_agent_sdk.__file__), '_bundled', 'claude'))"
        let output = try ProcessRunner.run(["python3", "-c", script])
        let path = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard output.succeeded, FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(detail: "python3 could not import claude_agent_sdk")
        }
        return path
    }
}
