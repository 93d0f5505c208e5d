/// The agent used by stages that do not name one.
public struct AgentDefaults: Sendable, Hashable {
    /// The agent (`claude`, `codex`, `command`, `offline`).
    public var agent: String
    /// The model, or nil for the agent's own default.
    public var model: String?

    /// Creates defaults; the built-in agent is `claude` with its own default model.
    public init(agent: String = "claude", model: String? = nil) {
        self.agent = agent
        self.model = model
    }
}
