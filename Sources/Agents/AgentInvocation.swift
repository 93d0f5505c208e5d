import Actions
import Foundation
import Pipeline

/// Everything needed to run one agent for one stage of one work item.
///
/// The runner starts the agent with its working directory set to ``workDirectory``, gives it ``prompt`` on standard
/// input, and writes its transcript to ``logDirectory``. ``environment`` is the parent environment; the runner
/// scrubs it with `ChildEnvironment` (module Actions) before the agent sees it.
public struct AgentInvocation: Sendable {
    /// Which agent to run.
    public var kind: AgentKind
    /// The rendered prompt: role prompt, stage contract and context.
    public var prompt: String
    /// The work tree the agent works in; it becomes the agent's current directory.
    public var workDirectory: URL
    /// Where the transcript goes (`prompt.md`, `stdout.log`, `stderr.log`, `result.json`); created when missing.
    public var logDirectory: URL
    /// The stage's name, e.g. `intake`.
    public var stage: String
    /// The work item (issue) number.
    public var workItem: Int
    /// The run's identifier, recorded in offline artifacts' `generated_by.run_id`.
    public var runID: String
    /// The model to ask for, or nil for the agent's default.
    public var model: String?
    /// The most model turns the agent may take, or nil for the agent's default.
    public var maxTurns: Int?
    /// The wall-clock limit; past it the agent's whole process group gets SIGTERM.
    public var timeout: Duration
    /// How long after SIGTERM the process group gets SIGKILL.
    public var terminationGrace: Duration
    /// The parent environment, before scrubbing.
    public var environment: [String: String]
    /// Extra variable names the agent may receive although they look like credentials (from configuration).
    public var allowedCredentials: Set<String>
    /// Values no variable the agent gets may contain (the job's forge token), whatever its name.
    public var withheldSecrets: [Secret]
    /// The Claude Code CLI: a path, or a name looked up on the scrubbed `PATH`.
    public var claudeExecutable: String
    /// The Codex CLI: a path, or a name looked up on the scrubbed `PATH`.
    public var codexExecutable: String
    /// Token prices by model, for agents that report no cost (Codex); a model without an entry gets no cost.
    public var prices: PriceTable
    /// Asks for `--dangerously-skip-permissions` (sandboxed non-root runners only; it drops `--restricted`, so the
    /// file tools are no longer confined to the work tree), or for Codex `--sandbox danger-full-access`. Refused when
    /// running as root. Off unless configured.
    public var skipPermissionChecks: Bool
    /// How to run a `command` agent.
    public var commandTemplate: CommandTemplate?
    /// The documents the stage must produce (the offline agent writes them; other agents get them in the prompt).
    public var artifacts: [ArtifactRequirement]
    /// The role that owns the stage's documents, e.g. `pm`.
    public var ownerRole: String
    /// The work item's title and body (sanitized by the caller).
    public var workItemText: WorkItemText
    /// Asks the agent CLI for verbose logging in its transcript: set by the self-healing supervisor when it runs an
    /// agent again after it crashed, hung or printed no result. Claude Code gets `--debug-file` with
    /// ``AgentTranscript/claudeDebugLog`` (its debug log: start-up, settings, every API request and its timing; the
    /// API key is never in it); the others get ``verboseVariables``.
    public var verboseLogging = false
    /// The most this run may spend, from what the budgets leave; nil for no limit during the run (see
    /// ``SpendCeiling`` for how each agent enforces it).
    public var spendCeiling: SpendCeiling?

    /// The variables that turn on an agent's own debug logging, added after scrubbing when ``verboseLogging`` is
    /// set: `RUST_LOG=debug` for Codex (its tracing log, on standard error, so in `stderr.log`; the API key is never
    /// in it), `CONVEYOR_AGENT_VERBOSE=1` for a `command` agent; none for Claude Code (a flag instead, see
    /// ``verboseLogging``: its `ANTHROPIC_LOG=debug` would print request logs on standard output, in front of the
    /// JSON result) and none for the offline agent.
    public var verboseVariables: [String: String] {
        guard verboseLogging else { return [:] }
        switch kind {
        case .claude: return [:]
        case .codex: return ["RUST_LOG": "debug"]
        case .command: return ["CONVEYOR_AGENT_VERBOSE": "1"]
        case .offline: return [:]
        }
    }

    /// Creates an invocation; optional settings take the defaults a stage uses when its configuration is silent.
    public init(
        kind: AgentKind, prompt: String, workDirectory: URL, logDirectory: URL, stage: String, workItem: Int,
        runID: String, model: String? = nil, maxTurns: Int? = nil, timeout: Duration = .seconds(3600),
        terminationGrace: Duration = .seconds(10), environment: [String: String],
        allowedCredentials: Set<String> = [], withheldSecrets: [Secret] = [], claudeExecutable: String = "claude",
        codexExecutable: String = "codex", prices: PriceTable = PriceTable(), skipPermissionChecks: Bool = false,
        commandTemplate: CommandTemplate? = nil, artifacts: [ArtifactRequirement] = [], ownerRole: String = "",
        workItemText: WorkItemText = WorkItemText(title: "", body: ""), verboseLogging: Bool = false,
        spendCeiling: SpendCeiling? = nil
    ) {
        self.kind = kind
        self.prompt = prompt
        self.workDirectory = workDirectory
        self.logDirectory = logDirectory
        self.stage = stage
        self.workItem = workItem
        self.runID = runID
        self.model = model
        self.maxTurns = maxTurns
        self.timeout = timeout
        self.terminationGrace = terminationGrace
        self.environment = environment
        self.allowedCredentials = allowedCredentials
        self.withheldSecrets = withheldSecrets
        self.claudeExecutable = claudeExecutable
        self.codexExecutable = codexExecutable
        self.prices = prices
        self.skipPermissionChecks = skipPermissionChecks
        self.commandTemplate = commandTemplate
        self.artifacts = artifacts
        self.ownerRole = ownerRole
        self.workItemText = workItemText
        self.verboseLogging = verboseLogging
        self.spendCeiling = spendCeiling
    }
}

/// A work item's title and body as the requester wrote them.
public struct WorkItemText: Sendable, Hashable {
    /// The title.
    public var title: String
    /// The body (Markdown).
    public var body: String
    /// The owner's answers to the stage's open questions so far, oldest first (the offline agent marks its
    /// questions answered with them; model agents read them in the prompt).
    public var answers: [String]

    /// Creates the text.
    public init(title: String, body: String, answers: [String] = []) {
        self.title = title
        self.body = body
        self.answers = answers
    }
}
