/// One problem in `.conveyor/config.yml`, located at the offending key, with what is wrong and how to fix it.
public struct ConfigurationDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem; matchable with `~=` against a ``ConfigurationError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// The file could not be read.
        public static let unreadable = Code("unreadable")
        /// The file is not valid YAML.
        public static let invalidYAML = Code("invalidYAML")
        /// A key Conveyor does not know.
        public static let unknownKey = Code("unknownKey")
        /// A stage name that is not one of the pipeline's stages.
        public static let unknownStage = Code("unknownStage")
        /// A gate kind outside the closed set.
        public static let unknownGateKind = Code("unknownGateKind")
        /// Following `next` links comes back to a stage already visited.
        public static let nextCycle = Code("nextCycle")
        /// A path that leaves the repository (absolute, or with `..`).
        public static let pathOutsideRepository = Code("pathOutsideRepository")
        /// A value of the wrong YAML type (e.g. a list where a string belongs).
        public static let wrongType = Code("wrongType")
        /// A value of the right type that is not allowed (e.g. a negative timeout).
        public static let invalidValue = Code("invalidValue")
        /// A key that must be present is missing.
        public static let missingKey = Code("missingKey")

        public var description: String { name }

        /// True when `error` is a ``ConfigurationError`` with a diagnostic of this code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? ConfigurationError)?.diagnostics.contains { $0.code == code } ?? false
        }
    }

    /// The kind of problem.
    public let code: Code
    /// The file, relative to the repository root, e.g. `.conveyor/config.yml`.
    public let file: String
    /// The 1-based line of the offending key or value (1 when the file as a whole is at fault).
    public let line: Int
    /// The 1-based column.
    public let column: Int
    /// What is wrong and what to do about it.
    public let message: String

    /// Creates a diagnostic.
    public init(code: Code, file: String, line: Int, column: Int, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: error: message`, the shape compilers and editors understand.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
