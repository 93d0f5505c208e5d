import Pipeline

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
    /// The agent a manual run asked for (the `agent` input of `workflow_dispatch`), one of
    /// ``AgentDefaults/knownAgents``; nil for the configured agent.
    public var agent: String?

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
