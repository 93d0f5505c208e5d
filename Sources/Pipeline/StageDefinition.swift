/// Everything Conveyor needs to know to run one stage: who runs it, what starts it, what it reads and must write,
/// where it may write, how its output is checked, and what comes next.
public struct StageDefinition: Sendable, Hashable {
    /// The stage's name.
    public var name: StageName
    /// The agent role that runs the stage.
    public var role: Role
    /// The label that starts a run, e.g. `run:intake` from `RUN_INTAKE_LABEL`.
    public var triggerLabel: LabelBinding
    /// The label that starts a revise round, e.g. `run:intake:revise` from `RUN_INTAKE_REVISE_LABEL`.
    public var reviseLabel: LabelBinding
    /// Earlier stages whose artifacts are the stage's context.
    public var inputs: [StageName]
    /// Documents the stage must produce.
    public var artifacts: [ArtifactRequirement]
    /// Repository-relative globs the stage may change; ``ArtifactRequirement/workItemPlaceholder`` stands for the
    /// work item number.
    public var writeScope: [String]
    /// Globs inside ``writeScope`` the stage may still not change (the dev stage's workflows, Conveyor's own
    /// configuration and the generated docset); a change there fails the gate like one outside the scope.
    public var protectedPaths: [String] = []
    /// The check run on the stage's output.
    public var gate: StageGate
    /// The stage that normally follows, or nil for the last one.
    public var next: StageName?
    /// Whether the owner must approve the output before the item moves on.
    public var requiresApproval: Bool
    /// Wall-clock limit for the agent, in minutes; configuration keeps it inside ``timeoutMinutesRange``.
    public var timeoutMinutes: Int

    /// The timeouts a configuration may set: 1 minute to 7 days (a self-hosted runner's longest job is 5 days),
    /// so every duration and lease computed from it in seconds stays far from overflow.
    public static let timeoutMinutesRange = 1...10_080
    /// The agent to run (`claude`, `codex`, `command`, `offline`), or nil for the configured default.
    public var agent: String?
    /// The model to ask for, or nil for the agent's default.
    public var model: String?

    /// Creates a definition. Label bindings follow the `RUN_<STAGE>_LABEL` / `run:<stage>` convention.
    public init(
        name: StageName,
        role: Role,
        inputs: [StageName],
        artifacts: [ArtifactRequirement],
        writeScope: [String],
        gate: StageGate,
        next: StageName?,
        requiresApproval: Bool = true,
        timeoutMinutes: Int = 60,
        agent: String? = nil,
        model: String? = nil
    ) {
        self.name = name
        self.role = role
        self.triggerLabel = LabelBinding(
            variable: "RUN_\(name.variableStem)_LABEL", defaultName: "run:\(name.rawValue)")
        self.reviseLabel = LabelBinding(
            variable: "RUN_\(name.variableStem)_REVISE_LABEL", defaultName: "run:\(name.rawValue):revise")
        self.inputs = inputs
        self.artifacts = artifacts
        self.writeScope = writeScope
        self.gate = gate
        self.next = next
        self.requiresApproval = requiresApproval
        self.timeoutMinutes = timeoutMinutes
        self.agent = agent
        self.model = model
    }
}
