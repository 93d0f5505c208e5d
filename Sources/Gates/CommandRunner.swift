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

    /// Parts of variable names never passed to a gate command: forge tokens, Actions credentials, API keys.
    public static let withheldNameParts = ["TOKEN", "SECRET", "PASSWORD", "CREDENTIAL", "API_KEY", "PRIVATE_KEY"]

    /// `environment` without credentials: every variable whose name contains one of ``withheldNameParts`` (in any
    /// case), and every `INPUT_*` (action inputs may carry a token).
    public static func scrubbed(_ environment: [String: String]) -> [String: String] {
        environment.filter { name, _ in
            let upper = name.uppercased()
            return !upper.hasPrefix("INPUT_") && !withheldNameParts.contains { upper.contains($0) }
        }
    }
}
