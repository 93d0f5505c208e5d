/// A decision to do nothing, with a reason a person can act on.
public struct TriggerSkip: Sendable, Hashable {
    /// The stable reason code.
    public let code: SkipCode
    /// A full sentence saying why nothing runs and, where it applies, what to do instead.
    public let reason: String
    /// The issue or pull request the event was about, when known.
    public let workItem: WorkItemRef?
    /// Who caused the event, when known.
    public let actor: Actor?

    /// Creates a skip.
    public init(code: SkipCode, reason: String, workItem: WorkItemRef? = nil, actor: Actor? = nil) {
        self.code = code
        self.reason = reason
        self.workItem = workItem
        self.actor = actor
    }
}
