/// A missing or malformed Actions environment variable, with a message that says how to fix it.
///
/// Messages quote the offending value only for variables that never hold secrets.
public struct ActionsEnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong. An open set of codes, matchable with `catch ActionsEnvironmentError.Code.missingVariable`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// A variable Conveyor needs is not set (or set to the empty string).
        public static let missingVariable = Code("missingVariable")
        /// A variable is set to a value Conveyor cannot use.
        public static let malformedValue = Code("malformedValue")

        public var description: String { name }

        /// True when `error` is an ``ActionsEnvironmentError`` with this code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? ActionsEnvironmentError)?.code == code
        }
    }

    /// What is wrong.
    public let code: Code
    /// The environment variable concerned, e.g. `GITHUB_REPOSITORY`.
    public let variable: String
    /// A full sentence naming the variable and how to fix it.
    public let message: String

    /// Creates an error; `message` must already say what to do.
    public init(_ code: Code, variable: String, message: String) {
        self.code = code
        self.variable = variable
        self.message = message
    }

    public var description: String { message }
}
