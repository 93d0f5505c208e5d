public import Foundation

/// One agent CLI invocation and what it spent (``StateChange/recordAgentSession(_:)``): a row in `attempts` for the
/// Actions attempt it ran in (when not there yet), one in `agent_sessions`, and one in `token_usage` when the agent
/// reported usage.
///
/// The agent reports totals for the whole session, so the `token_usage` row is keyed by the number of turns taken
/// (``turns``, 0 when unknown) and holds the cumulative counts through that turn. Recording the same session twice
/// leaves one row in each table.
public struct AgentSessionRecord: Codable, Sendable, Equatable {
    /// The agent's own session id (Claude Code's `session_id`), or one Conveyor makes from the run id when the
    /// agent reports none.
    public var sessionID: String
    /// The run the session belongs to; it must be recorded.
    public var runID: String
    /// The Actions run attempt (`GITHUB_RUN_ATTEMPT`), from 1.
    public var attempt: Int
    /// The Actions run id (`GITHUB_RUN_ID`), when known.
    public var forgeRunID: String?
    /// The run's attempt the session belongs to when it is not ``attempt`` (the dev stage's fix loop makes several
    /// attempts in one Actions attempt, see ``AttemptRecord``); nil means ``attempt``.
    public var attemptNumber: Int? = nil
    /// The stage's role, e.g. `pm`.
    public var role: String
    /// `claude`, `command` or `offline`.
    public var agent: String
    /// The model asked for or reported, when known.
    public var model: String?
    /// How the agent ended, e.g. `succeeded`, `failed`, `timed_out`.
    public var status: String
    /// Where the transcript was kept (a path under `RUNNER_TEMP`), when it was.
    public var logPath: String?
    /// Model turns the agent took, when it said.
    public var turns: Int?
    /// Uncached input tokens.
    public var inputTokens: Int
    /// Input tokens read from or written to the prompt cache.
    public var cachedTokens: Int
    /// Output tokens.
    public var outputTokens: Int
    /// What the agent reported spending, in US dollars.
    public var costUSD: Double?
    /// When the agent started.
    public var startedAt: Date
    /// When it ended.
    public var endedAt: Date

    /// Creates a record.
    public init(
        sessionID: String, runID: String, attempt: Int, forgeRunID: String?, role: String, agent: String,
        model: String?, status: String, logPath: String?, turns: Int?, inputTokens: Int, cachedTokens: Int,
        outputTokens: Int, costUSD: Double?, startedAt: Date, endedAt: Date
    ) {
        self.sessionID = sessionID
        self.runID = runID
        self.attempt = attempt
        self.forgeRunID = forgeRunID
        self.role = role
        self.agent = agent
        self.model = model
        self.status = status
        self.logPath = logPath
        self.turns = turns
        self.inputTokens = inputTokens
        self.cachedTokens = cachedTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    /// True when the agent reported any token or cost.
    public var reportsUsage: Bool {
        inputTokens + cachedTokens + outputTokens > 0 || costUSD != nil
    }
}
