/// Why an agent's output holds no result Conveyor can read.
public struct InvalidAgentOutput: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the output, e.g. "standard output has no JSON object (3 lines)".
    public let reason: String

    /// Creates the failure.
    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
