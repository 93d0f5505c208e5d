/// A step output or job summary that could not be written, with what to fix.
public struct ActionsOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong. Matchable with `catch ActionsOutputError.Code.invalidName`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// The output name is not a valid step-output id.
        public static let invalidName = Code("invalidName")
        /// No heredoc delimiter absent from the value was found (only with an unlucky generator).
        public static let delimiterCollision = Code("delimiterCollision")
        /// The file could not be opened or appended to.
        public static let io = Code("io")

        public var description: String { name }

        /// True when `error` is an ``ActionsOutputError`` with this code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? ActionsOutputError)?.code == code
        }
    }

    /// What went wrong.
    public let code: Code
    /// A full sentence naming the output or file and the fix. Never contains the output's value.
    public let message: String

    /// Creates an error; `message` must already say what to do.
    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
