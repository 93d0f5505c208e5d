import Actions
import Foundation

/// Runs the command of a `command` gate in the work tree and reports how it ended.
///
/// Injectable: tests pass a closure; production uses ``process(timeout:gracePeriod:environment:)``.
public struct CommandRunner: Sendable {
    /// Runs `arguments` (the first is looked up on `PATH`) with `directory` as the working directory.
    public typealias Run = @Sendable (_ arguments: [String], _ directory: URL) async -> CommandExit

    private let run: Run

    /// Creates a runner from a closure.
    public init(_ run: @escaping Run) {
        self.run = run
    }

    /// Runs `arguments` in `directory`.
    public func callAsFunction(_ arguments: [String], in directory: URL) async -> CommandExit {
        await run(arguments, directory)
    }

    /// `environment` as a gate command gets it: ``ChildEnvironment`` for ``ChildEnvironment/Audience/gateCommand``,
    /// the same allow-list agents get minus any model credential.
    public static func scrubbed(_ environment: [String: String], withholdingValues secrets: [Secret] = []) -> [String:
        String]
    {
        ChildEnvironment(for: .gateCommand, withholdingValues: secrets).scrub(environment).kept
    }
}
