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
    /// Starts a new job for the stage (`workflow_dispatch`); nil when the job cannot dispatch (tests of pure
    /// decisions), and then a re-dispatch is recorded `not_available` and the job ends as "try again later".
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

/// What a re-dispatch asks for: the stage to start again in a new job, as a resume of the run that gave up.
public struct RedispatchRequest: Sendable, Equatable {
    /// The work item.
    public var workItem: WorkItemKey
    /// The stage to continue.
    public var stage: StageName
    /// The run that asks (this job's run), for the record and the dispatch's idempotency key.
    public var runID: String
    /// The Actions run id (`GITHUB_RUN_ID`) of this job, when known: a re-run of the same Actions run finds the
    /// dispatch already recorded and does not dispatch again.
    public var forgeRunID: String?
    /// Why the supervisor asks for a new job, one sentence.
    public var reason: String

    /// Creates a request.
    public init(workItem: WorkItemKey, stage: StageName, runID: String, forgeRunID: String?, reason: String) {
        self.workItem = workItem
        self.stage = stage
        self.runID = runID
        self.forgeRunID = forgeRunID
        self.reason = reason
    }
}

/// What became of a re-dispatch.
public enum RedispatchOutcome: Sendable, Equatable {
    /// Recorded in state, then dispatched: `workflow` on `ref` with these inputs.
    case dispatched(workflow: String, ref: String, inputs: [String: String])
    /// State already held this job's dispatch (a re-run of the same Actions run): nothing was dispatched again.
    case alreadyDispatched
}

/// The hook a re-dispatch goes through: records the new job in state, then starts it (`workflow_dispatch` of the
/// wrapper workflow through `ForgeClient.dispatchWorkflow`). Throws when the dispatch could not be made, with a
/// message that says why (a token that may not dispatch workflows, a workflow the forge does not know).
public typealias Redispatcher = @Sendable (_ request: RedispatchRequest) async throws -> RedispatchOutcome

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

/// How a job's attempts map to rows of `attempts` (`<run id>#<number>`), which the supervisor's records, the
/// incident report and the agent sessions share: the job's first attempt is the Actions attempt's own row (as before
/// the supervisor), each rerun gets a row in the Actions attempt's block of ten.
public enum AttemptRows {
    /// Rows set aside per Actions attempt (`dev.max_dev_attempts` is at most ten).
    public static let block = 10

    /// The row of attempt `attempt` (from 1) of a job in Actions attempt `forgeAttempt` (from 1).
    public static func number(_ attempt: Int, forgeAttempt: Int) -> Int {
        attempt == 1 ? max(forgeAttempt, 1) : (max(forgeAttempt, 1) - 1) * block + attempt
    }
}

extension SupervisorContext {
    /// The `attempts` row id of this job's attempt `number`.
    public func attemptID(_ number: Int) -> String {
        "\(runID)#\(AttemptRows.number(number, forgeAttempt: forgeAttempt))"
    }
}
