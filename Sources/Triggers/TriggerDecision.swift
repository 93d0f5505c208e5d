import Pipeline

/// The outcome of resolving an event: a run to perform, or a stated reason to do nothing.
public enum TriggerDecision: Sendable, Hashable {
    /// Perform this run (after authorization).
    case run(TriggerRun)
    /// Do nothing, for this reason.
    case skip(TriggerSkip)

    /// The run, or nil for a skip.
    public var run: TriggerRun? {
        guard case .run(let run) = self else { return nil }
        return run
    }

    /// The skip, or nil for a run.
    public var skip: TriggerSkip? {
        guard case .skip(let skip) = self else { return nil }
        return skip
    }
}

/// A run to perform.
public struct TriggerRun: Sendable, Hashable {
    /// The issue or pull request; nil only for ``TriggerOperation/tick``.
    public let workItem: WorkItemRef?
    /// What to do.
    public let operation: TriggerOperation
    /// How the run relates to earlier runs.
    public let mode: RunMode
    /// Who caused the event; nil when the payload has no sender (a schedule).
    public let actor: Actor?
    /// What in the event asked for the run.
    public let source: TriggerSource

    /// Creates a run.
    public init(
        workItem: WorkItemRef?, operation: TriggerOperation, mode: RunMode, actor: Actor?, source: TriggerSource
    ) {
        self.workItem = workItem
        self.operation = operation
        self.mode = mode
        self.actor = actor
        self.source = source
    }
}

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
