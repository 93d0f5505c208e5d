import Foundation

/// How to run any agent CLI: an argument list with placeholders, and where its result comes from.
///
/// Placeholders, replaced anywhere inside an argument: `{prompt_file}` (the rendered prompt, also given on
/// standard input), `{work_dir}` (the work tree, also the current directory) and `{output_file}` (where the agent
/// may write its result JSON). No shell is involved unless the template itself starts with `sh -c`.
///
/// ```swift
/// let template = try CommandTemplate(parsing: "my-agent --prompt {prompt_file} --out {output_file}")
/// ```
public struct CommandTemplate: Sendable, Hashable {
    /// Where the agent's result comes from.
    public enum ResultSource: String, Sendable, Hashable {
        /// Only the exit status counts: 0 is success.
        case exitStatus
        /// The agent must write a JSON result (the shape Claude Code prints) to `{output_file}`.
        case outputFile
        /// The agent must print a JSON result on standard output; its last JSON object line is read.
        case standardOutput
    }

    /// The placeholder for the prompt file's path.
    public static let promptFile = "{prompt_file}"
    /// The placeholder for the work tree's path.
    public static let workDirectory = "{work_dir}"
    /// The placeholder for the result file's path.
    public static let outputFile = "{output_file}"

    /// The program (a path, or a name looked up on the scrubbed `PATH`) and its arguments, with placeholders.
    public let arguments: [String]
    /// Where the result comes from.
    public let resultSource: ResultSource

    /// Creates a template from an argument list. The result source defaults to ``ResultSource/outputFile`` when an
    /// argument mentions `{output_file}`, else ``ResultSource/exitStatus``.
    ///
    /// - Throws: ``AgentError/Code/invalidTemplate`` when the list is empty, or when the result source is the output
    ///   file but no argument mentions `{output_file}`.
    public init(arguments: [String], resultSource: ResultSource? = nil) throws(AgentError) {
        guard let program = arguments.first, !program.isEmpty else {
            throw AgentError(code: .invalidTemplate, message: "The agent command template is empty; name a program.")
        }
        let mentionsOutput = arguments.contains { $0.contains(Self.outputFile) }
        let source = resultSource ?? (mentionsOutput ? .outputFile : .exitStatus)
        if source == .outputFile, !mentionsOutput {
            throw AgentError(
                code: .invalidTemplate,
                message: "The agent command `\(program)` is said to write its result to \(Self.outputFile), but no "
                    + "argument mentions \(Self.outputFile).")
        }
        self.arguments = arguments
        self.resultSource = source
    }

    /// Creates a template from one line, split into words like a shell would (single and double quotes,
    /// backslash escapes), but without expanding anything.
    public init(parsing line: String, resultSource: ResultSource? = nil) throws(AgentError) {
        try self.init(arguments: try CommandWords.split(line), resultSource: resultSource)
    }

    /// The arguments with every placeholder replaced.
    public func rendered(promptFile: String, workDirectory: String, outputFile: String) -> [String] {
        arguments.map { argument in
            argument.replacingOccurrences(of: Self.promptFile, with: promptFile)
                .replacingOccurrences(of: Self.workDirectory, with: workDirectory)
                .replacingOccurrences(of: Self.outputFile, with: outputFile)
        }
    }
}
