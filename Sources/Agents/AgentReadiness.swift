import Foundation

/// What an agent needs before a job claims work for it: its program and its model credentials.
///
/// `conveyor run` asks before it claims the work item (so a missing key never leaves a claimed, failed run behind),
/// and `conveyor doctor` reports the same findings.
public enum AgentReadiness {
    /// The variables that carry the Claude Code CLI's credentials; any one of them, non-empty, is enough.
    public static let claudeKeyVariables = ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN"]

    /// The credential variables `kind` reads; empty when it needs none (`offline`) or Conveyor cannot know (a
    /// `command` agent brings its own).
    public static func keyVariables(for kind: AgentKind) -> [String] {
        switch kind {
        case .claude: claudeKeyVariables
        case .codex: [CodexConfiguration.apiKeyVariable]
        case .command, .offline: []
        }
    }

    /// A sentence naming the missing credential variables of `kind` in `environment`, or nil when one is set.
    public static func missingKey(for kind: AgentKind, in environment: [String: String]) -> String? {
        let names = keyVariables(for: kind)
        guard !names.isEmpty, !names.contains(where: { !(environment[$0] ?? "").isEmpty }) else { return nil }
        return "The \(kind) agent has no model credentials: none of \(names.joined(separator: ", ")) is set. "
            + "Pass one from a secret, e.g. `\(names[0]): ${{ secrets.\(names[0]) }}`."
    }

    /// The Claude Code CLI `program` (a path, or a name looked up on `environment["PATH"]`), or a sentence saying
    /// it was not found.
    public static func locateClaude(_ program: String, environment: [String: String]) -> Result<URL, AgentError> {
        locate(program, environment: environment, hint: ClaudeAgent.installHint)
    }

    /// The Codex CLI `program` (a path, or a name looked up on `environment["PATH"]`), or a sentence saying it was
    /// not found.
    public static func locateCodex(_ program: String, environment: [String: String]) -> Result<URL, AgentError> {
        locate(program, environment: environment, hint: CodexAgent.installHint)
    }

    private static func locate(_ program: String, environment: [String: String], hint: String) -> Result<
        URL, AgentError
    > {
        Result { () throws(AgentError) -> URL in
            try ExecutableLocator.locate(
                program, environment: environment,
                workDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), hint: hint)
        }
    }
}
