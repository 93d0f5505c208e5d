public import Actions
public import Pipeline
public import StateBranch

/// Who and what one job's supervisor works for: the run's identity, the stage, the policy in force and where state
/// is.
public struct SupervisorContext: Sendable {
    /// The run being supervised.
    public var runID: String
    /// The Actions run attempt (`GITHUB_RUN_ATTEMPT`), from 1.
    public var forgeAttempt: Int
    /// The Actions run id (`GITHUB_RUN_ID`), for the incident report.
    public var forgeRunID: String?
    /// The work item.
    public var workItem: WorkItemKey
    /// The stage.
    public var stage: StageName
    /// The mode in force (the kill switch already applied).
    public var mode: RemediationMode
    /// The policy from configuration.
    public var policy: RemediationPolicy
    /// Where state is, to read the episode's history; nil reads nothing (tests of pure decisions).
    public var state: StateLocation?
    /// Links for the incident report, e.g. the Actions run page.
    public var links: [String]
    /// Starts a new job for the stage (`workflow_dispatch`); nil until the forge client can dispatch workflows
    /// (`ForgeClient.dispatchWorkflow`), in which case a re-dispatch is only proposed and the run escalates.
    public var redispatch: Redispatcher?

    /// Creates a context.
    public init(
        runID: String, forgeAttempt: Int = 1, forgeRunID: String? = nil, workItem: WorkItemKey, stage: StageName,
        mode: RemediationMode, policy: RemediationPolicy, state: StateLocation?, links: [String] = [],
        redispatch: Redispatcher? = nil
    ) {
        self.runID = runID
        self.forgeAttempt = forgeAttempt
        self.forgeRunID = forgeRunID
        self.workItem = workItem
        self.stage = stage
        self.mode = mode
        self.policy = policy
        self.state = state
        self.links = links
        self.redispatch = redispatch
    }
}

/// The hook a re-dispatch goes through: starts the stage again in a new job for the same work item. Wired to
/// `ForgeClient.dispatchWorkflow` once the forge client has it; the supervisor passes the stage and work item.
public typealias Redispatcher = @Sendable (_ stage: StageName, _ workItem: Int) async throws -> Void

/// What the next attempt should do differently, as the last remediation asked.
public struct AttemptDirective: Sendable, Equatable {
    /// 1 for the job's first attempt, then 2, 3…
    public var number: Int = 1
    /// Clone afresh instead of reusing the job's checkout.
    public var freshWorkspace = false
    /// Run the agent with verbose logging.
    public var verboseAgent = false
    /// The gate's reasons to give the agent verbatim, for a revise; nil for none.
    public var reviseReasons: [String]?

    /// Creates the first attempt's directive.
    public init() {}
}
