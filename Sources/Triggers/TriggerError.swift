/// An event that cannot be resolved at all (as opposed to one that resolves to a skip).
public struct TriggerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong; matchable with `catch TriggerError.Code.malformedPayload`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// The payload file is not a JSON object.
        public static let malformedPayload = Code("malformedPayload")

        public var description: String { name }

        /// True when `error` is a ``TriggerError`` with this code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? TriggerError)?.code == code
        }
    }

    /// What is wrong.
    public let code: Code
    /// A full sentence naming the input and how to fix it.
    public let message: String

    /// Creates an error; `message` must already say what to do.
    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
