public import Foundation

/// Writes what a step hands back to the workflow: step outputs (`GITHUB_OUTPUT`), the job summary
/// (`GITHUB_STEP_SUMMARY`) and workflow commands on standard output.
///
/// Files are appended to with `O_APPEND`, one `write` per entry, so entries never interleave. When a
/// file is not configured (outside Actions) the call writes nothing and returns false.
public struct ActionsOutput: Sendable {
    /// The step-outputs file, or nil outside Actions.
    public let outputFile: URL?
    /// The job-summary file, or nil outside Actions.
    public let summaryFile: URL?
    private let writeLine: @Sendable (String) -> Void
    private let makeDelimiter: @Sendable () -> String

    /// How many fresh heredoc delimiters are tried before giving up.
    static let delimiterAttempts = 8

    /// Creates a writer for the given files; workflow command lines go to `writeLine` (by default
    /// `print`, so they stay in order with the rest of standard output).
    public init(
        outputFile: URL?, summaryFile: URL?, writeLine: @escaping @Sendable (String) -> Void = { print($0) }
    ) {
        self.init(
            outputFile: outputFile, summaryFile: summaryFile, writeLine: writeLine,
            makeDelimiter: { "ghadelimiter_\(UUID().uuidString)" })
    }

    /// Creates a writer for the files named by `environment` (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`).
    public init(environment: ActionsEnvironment, writeLine: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.init(outputFile: environment.outputPath, summaryFile: environment.summaryPath, writeLine: writeLine)
    }

    /// Creates a writer with a chosen delimiter generator; tests use it to force a collision.
    init(
        outputFile: URL?, summaryFile: URL?, writeLine: @escaping @Sendable (String) -> Void,
        makeDelimiter: @escaping @Sendable () -> String
    ) {
        self.outputFile = outputFile
        self.summaryFile = summaryFile
        self.writeLine = writeLine
        self.makeDelimiter = makeDelimiter
    }

    /// Sets step output `name` to `value` (read later as `steps.<id>.outputs.<name>`).
    ///
    /// A value with a line break is written in heredoc form with a random delimiter that does not occur
    /// in the value.
    ///
    /// - Returns: false when no output file is configured, so nothing was written.
    /// - Throws: ``ActionsOutputError`` for an invalid name or a failed write.
    @discardableResult
    public func setOutput(_ name: String, to value: String) throws(ActionsOutputError) -> Bool {
        let entry = try outputEntry(name: name, value: value)
        guard let outputFile else { return false }
        try AppendOnlyFile.append(entry, to: outputFile, purpose: "step output \(name)")
        return true
    }

    /// Appends `markdown` to the job summary, followed by a newline when it lacks one.
    ///
    /// - Returns: false when no summary file is configured, so nothing was written.
    /// - Throws: ``ActionsOutputError`` when the file cannot be written.
    @discardableResult
    public func appendSummary(_ markdown: String) throws(ActionsOutputError) -> Bool {
        guard let summaryFile else { return false }
        let text = markdown.hasSuffix("\n") ? markdown : markdown + "\n"
        try AppendOnlyFile.append(text, to: summaryFile, purpose: "the job summary")
        return true
    }

    /// Writes `command` as one line to standard output (or the injected line writer).
    public func issue(_ command: WorkflowCommand) {
        writeLine(command.line)
    }

    /// The text appended to the output file for one output: `name=value` or the heredoc form.
    func outputEntry(name: String, value: String) throws(ActionsOutputError) -> String {
        guard Self.isValidOutputName(name) else {
            throw ActionsOutputError(
                .invalidName,
                message: """
                    "\(name)" is not a valid step output name. Use a letter or '_' followed by letters, \
                    digits, '-' or '_'.
                    """)
        }
        guard value.contains(where: \.isNewline) else { return "\(name)=\(value)\n" }
        for _ in 0..<Self.delimiterAttempts {
            let delimiter = makeDelimiter()
            if !delimiter.isEmpty, !value.contains(delimiter) {
                return "\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n"
            }
        }
        throw ActionsOutputError(
            .delimiterCollision,
            message: """
                Could not find a heredoc delimiter absent from the value of step output \(name) \
                after \(Self.delimiterAttempts) attempts; the output was not written.
                """)
    }

    /// A step output id: a letter or `_`, then letters, digits, `-` or `_`.
    static func isValidOutputName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            isASCIILetter($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
