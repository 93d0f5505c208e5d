/// How a stage job ended.
public struct StageJobResult: Sendable, Equatable {
    /// What happened.
    public enum Outcome: String, Sendable, Equatable {
        /// The stage ran and was published.
        case completed
        /// Another job holds the work item and stage; nothing was done.
        case duplicate
        /// This run already finished earlier; nothing was done again.
        case alreadyDone = "already_done"
        /// Another run already handled the event (its trigger label is gone); nothing was done.
        case alreadyHandled = "skipped"
        /// A budget (`budgets:`) is spent: the stage was refused before anything was claimed.
        case budgetExceeded = "budget_exceeded"
    }

    /// What happened.
    public var outcome: Outcome
    /// The stage that ran (or would have).
    public var stage: String
    /// `pass`, `fail` or `needs_input`; empty when the stage did not run.
    public var verdict: String
    /// The pull request's address, when there is one.
    public var pullRequestURL: String?
    /// What the agent reported spending.
    public var costUSD: Double?
    /// Tokens the agent reported (input + output).
    public var tokens: Int?
    /// One sentence for the job log.
    public var message: String
    /// The folder holding the agent's transcript (prompt, standard output and error), when it is kept.
    public var transcript: String?
    /// The file holding the whole output of the repository's commands (dev and qa), when they ran.
    public var commandLog: String?
    /// True when a dev run ended with the pull request's CI still pending (`conveyor tick` judges it).
    public var waitingForCI = false

    /// Creates a result.
    public init(
        outcome: Outcome, stage: String, verdict: String = "", pullRequestURL: String? = nil, costUSD: Double? = nil,
        tokens: Int? = nil, message: String
    ) {
        self.outcome = outcome
        self.stage = stage
        self.verdict = verdict
        self.pullRequestURL = pullRequestURL
        self.costUSD = costUSD
        self.tokens = tokens
        self.message = message
    }
}
