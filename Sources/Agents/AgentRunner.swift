/// Runs the agent an ``AgentInvocation`` names and judges how it went.
///
/// ```swift
/// let outcome = try await AgentRunner.run(invocation)
/// if outcome.status.isSuccess { /* validate and gate the work tree */ }
/// ```
public enum AgentRunner {
    /// Runs `invocation`'s agent to the end (or to its timeout).
    ///
    /// - Returns: the verdict with the agent's reported numbers and transcript.
    /// - Throws: ``AgentError`` only when the agent could not be started at all (unknown program, missing
    ///   template, unwritable log directory, permission skipping asked for as root).
    public static func run(_ invocation: AgentInvocation) async throws(AgentError) -> AgentOutcome {
        switch invocation.kind {
        case .claude: try await ClaudeAgent.run(invocation)
        case .codex: try await CodexAgent.run(invocation)
        case .command: try await CommandAgent.run(invocation)
        case .offline: try OfflineAgent.run(invocation)
        }
    }
}
