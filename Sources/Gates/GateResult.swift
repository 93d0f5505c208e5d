/// The outcome of a gate.
public enum GateResult: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Every check passed: the stage's output may go to the owner for review.
    case pass
    /// At least one check failed; the reasons say which and how to fix it.
    case fail
    /// Every check passed, but the agent asked the owner questions that must be answered first.
    case needsInput = "needs_input"

    public var description: String { rawValue }
}
