/// One finding of a gate, as a complete sentence that names the file and the fix.
public struct GateReason: Sendable, Hashable, CustomStringConvertible {
    /// The kind of finding; stable names for logs, state and tests.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// A required artifact does not exist.
        public static let missingArtifact = Code("missingArtifact")
        /// An artifact's frontmatter could not be read (see ``GateReason/line``).
        public static let invalidFrontmatter = Code("invalidFrontmatter")
        /// An artifact lacks a frontmatter key the stage requires.
        public static let missingKey = Code("missingKey")
        /// An artifact's `type`, `work_item` or `stage` does not match where it is.
        public static let mismatchedKey = Code("mismatchedKey")
        /// A changed path is outside the stage's write scope.
        public static let outsideWriteScope = Code("outsideWriteScope")
        /// The verdict document is missing, or its verdict field does not hold a passing token.
        public static let verdictFailed = Code("verdictFailed")
        /// The gate command exited non-zero, timed out, or could not start.
        public static let commandFailed = Code("commandFailed")
        /// The gate command was not run because an earlier check failed.
        public static let commandSkipped = Code("commandSkipped")
        /// The open-questions document's `questions` list is malformed.
        public static let malformedQuestions = Code("malformedQuestions")
        /// The agent asked questions that are not answered yet.
        public static let openQuestions = Code("openQuestions")
        /// The agent did not finish (crashed, timed out, reported an error, or printed no usable result).
        public static let agentFailed = Code("agentFailed")
        /// The pull request head's CI failed, or did not finish in time (dev).
        public static let ciFailed = Code("ciFailed")
        /// A spending limit (`budgets:`) was reached.
        public static let budgetExceeded = Code("budgetExceeded")

        public var description: String { name }
    }

    /// The kind of finding.
    public let code: Code
    /// The repository-relative file concerned, when there is one.
    public let path: String?
    /// The line of the file, for frontmatter problems.
    public let line: Int?
    /// What is wrong and how to fix it.
    public let message: String

    /// Creates a reason.
    public init(code: Code, path: String? = nil, line: Int? = nil, message: String) {
        self.code = code
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, or the message alone when there is no path.
    public var description: String {
        guard let path else { return message }
        return line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
    }
}
