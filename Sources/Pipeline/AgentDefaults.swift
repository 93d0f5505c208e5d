/// The agent used by stages that do not name one.
public struct AgentDefaults: Sendable, Hashable {
    /// The agent, one of ``knownAgents``.
    public var agent: String

    /// The agent names a configuration may use, checked where the file is read so `plan` and `run` agree; the
    /// `Agents` module runs exactly these (a test there keeps the two lists equal).
    public static let knownAgents = ["claude", "codex", "command", "offline"]
    /// The model, or nil for the agent's own default.
    public var model: String?

    /// Creates defaults; the built-in agent is `claude` with its own default model.
    public init(agent: String = "claude", model: String? = nil) {
        self.agent = agent
        self.model = model
    }
}
