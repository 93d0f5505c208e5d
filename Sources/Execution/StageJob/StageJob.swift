import Actions
import Agents
import Forge
import Foundation
import Git
import Pipeline
import StateBranch
import Supervisor

/// One run of one stage on one work item, with everything it talks to injected: the forge, the state branch,
/// the git remote and the agent. ``run()`` claims the work, prepares the work tree, runs the agent, evaluates
/// the gate, publishes and records.
///
/// Every side effect is idempotent by lookup (the work branch is found by the work item and pushed only when its
/// tree changed, the pull request is found by its head branch, the status comment by its marker and by who could
/// have written it, labels are sets, creates are looked up before a retry), so a rerun or a `--mode resume` after
/// a crash repeats none of them; each is also recorded as a checkpoint in state. A label event another run already
/// handled does nothing (``handledElsewhere()``).
public struct StageJob: Sendable {
    /// What is being run.
    public struct Request: Sendable {
        /// The work item (an issue).
        public var workItem: WorkItemKey
        /// The stage.
        public var stage: StageDefinition
        /// `run`, `revise`, `rerun` or `resume`.
        public var mode: RunMode
        /// Who asked, for the record.
        public var actor: String
        /// The label that started it, to be removed once the stage is published; nil for other triggers.
        public var triggerLabel: String?
        /// What started it, e.g. `label run:intake`.
        public var trigger: String
        /// The run's identity: the same for a retried step of the same Actions run.
        public var runID: String
        /// Who holds the lease while the run works.
        public var holder: String
        /// How long the lease lasts before another job may take the work over.
        public var leaseSeconds: Int
        /// When the forge says the triggering event happened (the issue's `updated_at` in a label payload); a
        /// run of the stage started after it, with the trigger label gone, means the event was handled.
        public var eventTime: Date?
        /// The Actions run attempt (`GITHUB_RUN_ATTEMPT`), from 1, for the agent session's record.
        public var attempt: Int
        /// The Actions run id (`GITHUB_RUN_ID`), for the agent session's record.
        public var forgeRunID: String?
        /// Every round of the owner's findings and answers for this stage, oldest first, in full: they go into the
        /// prompt verbatim (never as a link), and the answers to the offline agent.
        public var ownerRounds: [StagePrompt.OwnerRound] = []
        /// For a job the self-healing supervisor re-dispatched (ADR 0017): the run that dispatched it. That run
        /// still holds the stage's lease for the seconds it takes its job to record its end, and a new job can start
        /// within them (a caller without the wrapper's per-work-item concurrency group, or a fast runner); this job
        /// then waits for that lease (``StageJob/predecessorWait``) instead of ending as a duplicate.
        public var predecessorRunID: String?

        /// Creates a request.
        public init(
            workItem: WorkItemKey, stage: StageDefinition, mode: RunMode, actor: String, triggerLabel: String?,
            trigger: String, runID: String, holder: String, leaseSeconds: Int, eventTime: Date? = nil,
            attempt: Int = 1, forgeRunID: String? = nil
        ) {
            self.attempt = attempt
            self.forgeRunID = forgeRunID
            self.workItem = workItem
            self.stage = stage
            self.mode = mode
            self.actor = actor
            self.triggerLabel = triggerLabel
            self.trigger = trigger
            self.runID = runID
            self.holder = holder
            self.leaseSeconds = leaseSeconds
            self.eventTime = eventTime
        }
    }

    /// The parts a stage job works with.
    public struct Environment: Sendable {
        /// The forge's REST API.
        public var forge: any ForgeClient
        /// The state branch.
        public var state: StateBranchStore
        /// The repository's git remote and the credentials for it.
        public var remote: URL
        /// Credentials for `remote`.
        public var credentials: Credentials
        /// `GITHUB_WORKSPACE`, reused when it is a checkout.
        public var existingCheckout: URL?
        /// A scratch directory for a clone and the agent's logs.
        public var scratch: URL
        /// The labels in force.
        public var labels: LabelCatalog
        /// The pipeline in force.
        public var pipeline: Pipeline
        /// The agent to run and how.
        public var agent: AgentKind
        /// The environment the agent's is scrubbed from.
        public var agentEnvironment: [String: String]
        /// Where the Claude Code CLI is.
        public var claudeExecutable: String
        /// Where the Codex CLI is.
        public var codexExecutable: String
        /// Token prices by model, for agents that report no cost.
        public var prices: PriceTable
        /// The command line of a `command` agent.
        public var commandTemplate: CommandTemplate?
        /// Overrides the stage's timeout (whole minutes in configuration) for the agent.
        public var agentTimeout: Duration?
        /// The web address of the repository, for links (e.g. `https://github.com/o/r`).
        public var webURL: URL?
        /// Conveyor's own logins, to recognise its status comment.
        public var selfLogins: Set<String>
        /// The run's JSON-lines log, when one is kept.
        public var log: RunLog?
        /// Values no child process may see under any name: the job's forge token.
        public var secrets: [Secret]
        /// Where the agent's transcript is kept after the run (a folder under `RUNNER_TEMP`); nil keeps it in
        /// ``scratch``, which is removed when the job ends.
        public var transcripts: URL?
        /// What the self-healing supervisor may do, with the kill switch (`CONVEYOR_REMEDIATION`) already applied to
        /// its mode (ADR 0017).
        public var remediation = RemediationPolicy()
        /// Starts the stage again in a new job, for the supervisor's re-dispatch; nil until the forge client can
        /// dispatch workflows, and then a re-dispatch is only proposed.
        public var redispatch: Redispatcher?
        /// The repository's own commands, the dev loop, CI waiting and budgets, from the configuration.
        public var work: WorkSettings

        /// Creates an environment.
        public init(
            forge: any ForgeClient, state: StateBranchStore, remote: URL, credentials: Credentials,
            existingCheckout: URL?, scratch: URL, labels: LabelCatalog, pipeline: Pipeline, agent: AgentKind,
            agentEnvironment: [String: String], claudeExecutable: String = "claude", codexExecutable: String = "codex",
            prices: PriceTable = PriceTable(),
            commandTemplate: CommandTemplate? = nil, agentTimeout: Duration? = nil, webURL: URL?,
            selfLogins: Set<String>, log: RunLog? = nil, secrets: [Secret] = [], transcripts: URL? = nil,
            work: WorkSettings = WorkSettings()
        ) {
            self.work = work
            self.secrets = secrets
            self.transcripts = transcripts
            self.forge = forge
            self.state = state
            self.remote = remote
            self.credentials = credentials
            self.existingCheckout = existingCheckout
            self.scratch = scratch
            self.labels = labels
            self.pipeline = pipeline
            self.agent = agent
            self.agentEnvironment = agentEnvironment
            self.claudeExecutable = claudeExecutable
            self.codexExecutable = codexExecutable
            self.prices = prices
            self.commandTemplate = commandTemplate
            self.agentTimeout = agentTimeout
            self.webURL = webURL
            self.selfLogins = selfLogins
            self.log = log
        }
    }

    /// The request.
    public let request: Request
    /// The environment.
    public let environment: Environment
    /// Checkpoints not yet committed to the state branch.
    let journal = CheckpointJournal()
    /// The self-healing supervisor of this job (``supervisedExecute(startedAt:repository:)``).
    let supervision = Supervision()

    /// Creates a job.
    public init(request: Request, environment: Environment) {
        self.request = request
        self.environment = environment
    }
}
