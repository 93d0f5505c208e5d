/// What one agent run came to: the verdict, the numbers the agent reported, and where its transcript is.
public struct AgentOutcome: Sendable, Hashable {
    /// The verdict (see ``AgentStatus/judge(_:report:)``).
    public var status: AgentStatus
    /// How the process ended; nil for the built-in offline agent, which runs no process.
    public var exit: ProcessExit?
    /// The result the agent printed, when it printed one that could be read.
    public var report: AgentReport?
    /// The transcript files.
    public var transcript: AgentTranscript
    /// Names of parent environment variables withheld from the agent (never their values).
    public var withheldVariables: [String]

    /// Creates an outcome.
    public init(
        status: AgentStatus, exit: ProcessExit?, report: AgentReport?, transcript: AgentTranscript,
        withheldVariables: [String] = []
    ) {
        self.status = status
        self.exit = exit
        self.report = report
        self.transcript = transcript
        self.withheldVariables = withheldVariables
    }

    /// The exit status, when the process exited normally.
    public var exitStatus: Int32? { exit?.exitStatus }
    /// The signal that ended the process, when one did.
    public var signal: Int32? { exit?.signal }
    /// The agent's final text or error message (`result`).
    public var resultText: String? { report?.resultText }
    /// `is_error` from the result.
    public var isError: Bool? { report?.isError }
    /// `subtype` from the result.
    public var subtype: String? { report?.subtype }
    /// `session_id` from the result.
    public var sessionID: String? { report?.sessionID }
    /// `total_cost_usd` from the result.
    public var costUSD: Double? { report?.costUSD }
    /// Token usage from the result; zero when the agent reported none.
    public var usage: TokenUsage { report?.usage ?? .zero }
    /// `num_turns` from the result.
    public var numTurns: Int? { report?.numTurns }
    /// `duration_ms` from the result.
    public var durationMS: Int? { report?.durationMS }
}
