/// The verdict read from one frontmatter field, with the reason in a sentence that names the file and the fix.
public struct VerdictReading: Sendable, Hashable {
    /// Whether the verdict lets the gate pass.
    public enum Outcome: String, Sendable, Hashable {
        /// The value is one of the rule's passing tokens and none of its failing ones.
        case pass
        /// A failing token, an unknown value, or no usable value.
        case fail
    }

    /// Pass or fail.
    public let outcome: Outcome
    /// The field read, e.g. `verdict`.
    public let field: String
    /// The value as written (trimmed), or nil when missing or not a single value; shown in status comments.
    public let value: String?
    /// Why the verdict is what it is.
    public let reason: String

    /// Creates a reading.
    public init(outcome: Outcome, field: String, value: String?, reason: String) {
        self.outcome = outcome
        self.field = field
        self.value = value
        self.reason = reason
    }

    /// True when ``outcome`` is ``Outcome/pass``.
    public var passed: Bool { outcome == .pass }
}
