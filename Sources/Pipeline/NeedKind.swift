/// The `need:*` labels.
public enum NeedKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// An answer or data from the owner.
    case input
    /// A product manager's clarification.
    case pm
    /// An architect's clarification.
    case sa
    /// A QA lead's input.
    case qa
    /// An SRE's input.
    case sre

    public var description: String { rawValue }
}
