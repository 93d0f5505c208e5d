import Foundation

/// The files an agent run leaves in its log directory, kept for the job's artifacts and for diagnosis.
public struct AgentTranscript: Sendable, Hashable {
    /// The log directory itself.
    public let directory: URL
    /// The rendered prompt, exactly as the agent received it on standard input.
    public let promptFile: URL
    /// Everything the agent wrote to standard output (for Claude, the raw result JSON).
    public let standardOutput: URL
    /// Everything the agent wrote to standard error.
    public let standardError: URL
    /// The result file a command agent was asked to write, when its template has `{output_file}`.
    public let resultFile: URL?

    /// The transcript files inside `directory`: `prompt.md`, `stdout.log`, `stderr.log` and, when
    /// `withResultFile` is true, `result.json`.
    public init(directory: URL, withResultFile: Bool = false) {
        self.directory = directory
        promptFile = directory.appendingPathComponent("prompt.md")
        standardOutput = directory.appendingPathComponent("stdout.log")
        standardError = directory.appendingPathComponent("stderr.log")
        resultFile = withResultFile ? directory.appendingPathComponent("result.json") : nil
    }
}
