/// One problem in a document's frontmatter, located at a line of the file, with what is wrong and how to fix it.
public struct FrontmatterProblem: Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem; matchable with `~=` against a ``FrontmatterError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// The file could not be read as UTF-8 text.
        public static let unreadable = Code("unreadable")
        /// The file does not begin with a `---` line.
        public static let noFrontmatter = Code("noFrontmatter")
        /// The opening `---` has no closing `---`.
        public static let unterminated = Code("unterminated")
        /// The block between the delimiters is not valid YAML.
        public static let invalidYAML = Code("invalidYAML")
        /// The block is valid YAML but not a mapping of keys to values.
        public static let notAMapping = Code("notAMapping")
        /// A key that must be present is missing or null.
        public static let missingKey = Code("missingKey")
        /// A value of the wrong YAML type, e.g. a list where a number belongs.
        public static let wrongType = Code("wrongType")
        /// `status` holds a token outside ``DocumentStatus``.
        public static let unknownStatus = Code("unknownStatus")
        /// A value of the right type that is not allowed, e.g. an unknown stage name.
        public static let invalidValue = Code("invalidValue")
        /// The document could not be written to disk.
        public static let unwritable = Code("unwritable")
        /// The frontmatter could not be turned back into YAML.
        public static let unrenderable = Code("unrenderable")

        public var description: String { name }

        /// True when `error` is a ``FrontmatterError`` with a problem of this code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? FrontmatterError)?.problems.contains { $0.code == code } ?? false
        }
    }

    /// The kind of problem.
    public let code: Code
    /// The file, relative to the repository root, e.g. `docs/work-items/12/intake/brief.md`.
    public let file: String
    /// The 1-based line of the file (not of the YAML block) where the problem is.
    public let line: Int
    /// What is wrong and what to do about it, as full sentences.
    public let message: String

    /// Creates a problem.
    public init(code: Code, file: String, line: Int, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`, the shape compilers and editors understand.
    public var description: String { "\(file):\(line): error: \(message)" }
}
