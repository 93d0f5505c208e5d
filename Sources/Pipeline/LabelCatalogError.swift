/// A label variable Conveyor cannot use, with a message naming the variable and the fix.
public struct LabelCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong; matchable with `catch LabelCatalogError.Code.malformedVariables`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// `CONVEYOR_VARS` is not a JSON object.
        public static let malformedVariables = Code("malformedVariables")
        /// A label variable holds something other than a name.
        public static let invalidValue = Code("invalidValue")
        /// Two labels resolve to the same name.
        public static let duplicateName = Code("duplicateName")

        public var description: String { name }

        /// True when `error` is a ``LabelCatalogError`` with this code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? LabelCatalogError)?.code == code
        }
    }

    /// What is wrong.
    public let code: Code
    /// The variable to fix, e.g. `CONVEYOR_VARS` or `RUN_INTAKE_LABEL`.
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
