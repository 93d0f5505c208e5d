/// A problem that stopped Conveyor from running an agent at all: a configuration mistake or a missing tool.
///
/// What the agent itself did (failed, timed out, printed garbage) is never an error: it is an ``AgentOutcome``.
/// Messages name what to fix and never contain an environment variable's value.
public struct AgentError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, matchable with `catch AgentError.Code.executableNotFound`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String

        /// The configured agent name is not one Conveyor knows.
        public static let unknownAgent = Code(name: "unknownAgent")
        /// The agent's program is not on `PATH` or at the configured path.
        public static let executableNotFound = Code(name: "executableNotFound")
        /// The operating system refused to start the program.
        public static let launchFailed = Code(name: "launchFailed")
        /// Skipping permission checks was asked for while running as root.
        public static let unsafeAsRoot = Code(name: "unsafeAsRoot")
        /// The invocation is missing something its agent needs (a command template, a work directory…).
        public static let invalidInvocation = Code(name: "invalidInvocation")
        /// A command template cannot be parsed.
        public static let invalidTemplate = Code(name: "invalidTemplate")
        /// The calling task was cancelled while the agent ran; the agent's process group was ended.
        public static let cancelled = Code(name: "cancelled")
        /// The log directory or one of its files could not be written.
        public static let logUnwritable = Code(name: "logUnwritable")
        /// The model API was unavailable for the whole run (``AgentStatus/modelUnavailable(reason:)``): the job
        /// stops without judging the work, and a later run may succeed.
        public static let modelUnavailable = Code(name: "modelUnavailable")

        public var description: String { name }

        /// Lets `catch AgentError.Code.unsafeAsRoot` match an error value.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? AgentError)?.code == code
        }
    }

    /// What went wrong.
    public let code: Code
    /// What happened and what to do about it.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
