import Foundation

/// Decides which environment variables an agent may see.
///
/// The rule, in order:
/// 1. **Agent credentials pass**: `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_BASE_URL`,
///    `OPENAI_API_KEY`, `OPENAI_BASE_URL`, every `CLAUDE_CODE_*` and `CODEX_*` variable, and any name the
///    configuration adds with ``init(allowing:)``. The agent needs these to reach its model.
/// 2. **Forge and runner credentials are removed**: `GITHUB_TOKEN`, `GITEA_TOKEN`, `GH_TOKEN`, `CONVEYOR_TOKEN`,
///    `INPUT_TOKEN`, `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_RUNTIME_URL`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN`,
///    `ACTIONS_ID_TOKEN_REQUEST_URL`, `ACTIONS_RESULTS_URL`, `ACTIONS_CACHE_URL`.
/// 3. **Anything named like a secret is removed**: a name (compared in upper case) ending in `_TOKEN`,
///    `_PASSWORD` or `_SECRET`, or containing `TOKEN`, `SECRET`, `PASSWORD`, `PASSWD`, `CREDENTIAL` or
///    `PRIVATE_KEY`.
/// 4. **Anything whose value carries a credential is removed**: a value that starts like a GitHub token
///    (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`) or holds a URL with a password
///    (`scheme://user:password@host`). This catches `GITHUB_*`/`GITEA_*` variables (and any other) that smuggle a
///    token in a URL.
/// 5. Everything else is kept: `PATH`, `HOME`, `LANG`, `TMPDIR`, `GITHUB_WORKSPACE`, `RUNNER_TEMP` and the like.
///
/// The removed names (never their values) are reported so the job log can say what was withheld.
public struct AgentEnvironment: Sendable {
    /// Agent credentials that always pass.
    public static let agentCredentials: Set<String> = [
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL",
    ]
    /// Prefixes of agent settings and credentials that always pass.
    public static let agentPrefixes = ["CLAUDE_CODE_", "CODEX_"]
    /// Forge and runner credentials that never pass, whatever the allowlist says.
    public static let forgeCredentials: Set<String> = [
        "GITHUB_TOKEN", "GITEA_TOKEN", "GH_TOKEN", "CONVEYOR_TOKEN", "INPUT_TOKEN", "ACTIONS_RUNTIME_TOKEN",
        "ACTIONS_RUNTIME_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL",
        "ACTIONS_RESULTS_URL", "ACTIONS_CACHE_URL",
    ]
    private static let secretSuffixes = ["_TOKEN", "_PASSWORD", "_SECRET"]
    private static let secretFragments = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "PRIVATE_KEY"]
    private static let tokenValuePrefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]

    /// Extra names allowed on top of ``agentCredentials``; forge credentials stay removed.
    public let extraAllowed: Set<String>

    /// A scrubber that also lets `extraAllowed` through (e.g. a provider key a `command` agent needs).
    public init(allowing extraAllowed: Set<String> = []) {
        self.extraAllowed = extraAllowed
    }

    /// Splits `environment` into what the agent gets and the names it does not get (sorted).
    public func scrub(_ environment: [String: String]) -> (kept: [String: String], removed: [String]) {
        var kept: [String: String] = [:]
        var removed: [String] = []
        for (name, value) in environment {
            if allows(name: name, value: value) {
                kept[name] = value
            } else {
                removed.append(name)
            }
        }
        return (kept, removed.sorted())
    }

    /// Whether the variable `name` with `value` may reach the agent.
    public func allows(name: String, value: String) -> Bool {
        let upper = name.uppercased()
        if Self.forgeCredentials.contains(upper) { return false }
        if Self.agentCredentials.contains(upper) || extraAllowed.contains(name)
            || Self.agentPrefixes.contains(where: { upper.hasPrefix($0) })
        {
            return true
        }
        if Self.secretSuffixes.contains(where: { upper.hasSuffix($0) })
            || Self.secretFragments.contains(where: { upper.contains($0) })
        {
            return false
        }
        return !Self.carriesCredential(value)
    }

    /// Whether `value` looks like a forge token or a URL with a password in it.
    static func carriesCredential(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if tokenValuePrefixes.contains(where: { trimmed.hasPrefix($0) }) { return true }
        guard let schemeEnd = trimmed.range(of: "://") else { return false }
        let rest = trimmed[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return false }
        return authority[..<at].contains(":")
    }
}
