import Actions
import Foundation

/// Runs the command of a `command` gate, or one of the repository's own commands, in the work tree and reports how
/// it ended.
///
/// Injectable: tests pass a closure; production uses ``process(timeout:gracePeriod:environment:)``.
public struct CommandRunner: Sendable {
    /// Runs `arguments` (the first is looked up on `PATH`) with `directory` as the working directory.
    public typealias Run = @Sendable (_ arguments: [String], _ directory: URL) async -> CommandExit

    /// One command to run, with what the caller wants beyond the runner's defaults.
    public struct Invocation: Sendable {
        /// The program (looked up on `PATH`) and its arguments.
        public var arguments: [String]
        /// The working directory.
        public var directory: URL
        /// The wall-clock limit; nil keeps the runner's.
        public var timeout: Duration?
        /// A file that receives the command's standard output followed by its standard error; nil keeps none.
        public var log: URL?

        /// Creates an invocation.
        public init(arguments: [String], directory: URL, timeout: Duration? = nil, log: URL? = nil) {
            self.arguments = arguments
            self.directory = directory
            self.timeout = timeout
            self.log = log
        }
    }

    private let invoke: @Sendable (Invocation) async -> CommandExit

    /// Creates a runner from a closure that sees only the arguments and the directory.
    public init(_ run: @escaping Run) {
        invoke = { await run($0.arguments, $0.directory) }
    }

    /// Creates a runner from a closure that sees the whole invocation (time limit and output file).
    public init(invoking: @escaping @Sendable (Invocation) async -> CommandExit) {
        invoke = invoking
    }

    /// Runs `arguments` in `directory`.
    public func callAsFunction(_ arguments: [String], in directory: URL) async -> CommandExit {
        await invoke(Invocation(arguments: arguments, directory: directory))
    }

    /// Runs `invocation`.
    public func callAsFunction(_ invocation: Invocation) async -> CommandExit {
        await invoke(invocation)
    }

    /// `environment` as a gate command gets it: ``ChildEnvironment`` for ``ChildEnvironment/Audience/gateCommand``,
    /// the same allow-list agents get minus any model credential.
    public static func scrubbed(_ environment: [String: String], withholdingValues secrets: [Secret] = []) -> [String:
        String]
    {
        ChildEnvironment(for: .gateCommand, withholdingValues: secrets).scrub(environment).kept
    }
}
