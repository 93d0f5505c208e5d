import Foundation

/// The one rule for what a process Conveyor starts — an agent or a gate command — finds in its environment.
///
/// It is an allow-list: a variable passes only when its name is listed below, and then only when its value carries
/// no credential. Everything else is withheld and reported by name (never by value) so the job log can say so.
///
/// 1. **Every child** gets the basics: `PATH`, `HOME`, `USER`, `LOGNAME`, `SHELL`, `LANG`, `LANGUAGE`, `LC_*`,
///    `TERM`, `TZ`, `TMPDIR`, `TMP`, `TEMP`, `HOSTNAME`, `CI`, `NO_COLOR`; proxy and certificate settings
///    (`HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY`, `ALL_PROXY` in either case, `SSL_CERT_FILE`, `SSL_CERT_DIR`,
///    `NODE_EXTRA_CA_CERTS`, `REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`); and the job's non-secret context
///    (`GITHUB_ACTIONS`, `GITEA_ACTIONS`, `GITHUB_WORKSPACE`, `GITHUB_REPOSITORY`, `GITHUB_SERVER_URL`,
///    `GITHUB_RUN_ID`, `GITHUB_RUN_ATTEMPT`, `GITHUB_SHA`, `GITHUB_REF`, `GITHUB_REF_NAME`, `GITHUB_EVENT_NAME`,
///    `RUNNER_OS`, `RUNNER_ARCH`, `RUNNER_TEMP`).
/// 2. **An agent** also gets its own model credentials and settings (``Audience/agent(credentials:prefixes:)``,
///    e.g. `ANTHROPIC_API_KEY` and `CLAUDE_CODE_*` for Claude Code) and the names the configuration adds. A gate
///    command gets no model credential.
/// 3. **Never**, whatever the configuration says: ``forgeCredentials`` and every `ACTIONS_*` and `INPUT_*` name.
/// 4. **A value that carries a credential** is withheld even under an allowed name: one that holds a secret
///    Conveyor keeps (``init(for:allowing:withholdingValues:)``), starts like a GitHub token (`ghp_`, `ghs_`,
///    `github_pat_`, …) or holds a URL with a password (`scheme://user:password@host`). The agent's own
///    credentials are exempt from the shape checks (an API key may look like anything).
///
/// So `GITHUB_TOKEN`, `GITHUB_ENV`, `GITHUB_PATH`, `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, `SSH_AUTH_SOCK`,
/// `AWS_*`, `DB_PASSWORD` and another provider's `*_API_KEY` never reach a child.
public struct ChildEnvironment: Sendable {
    /// Who the environment is for.
    public enum Audience: Sendable, Hashable {
        /// An agent CLI: the basics plus its own model credentials (exact names) and settings (name prefixes).
        case agent(credentials: Set<String>, prefixes: [String])
        /// A gate command: the basics only.
        case gateCommand
    }

    /// The credentials and settings Claude Code needs to reach its model.
    public static let claudeAgent = Audience.agent(
        credentials: [
            "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL",
            "DISABLE_TELEMETRY", "DISABLE_AUTOUPDATER", "DISABLE_ERROR_REPORTING",
        ],
        prefixes: ["CLAUDE_CODE_"])

    /// The credentials and settings the Codex CLI needs to reach its model.
    public static let codexAgent = Audience.agent(
        credentials: ["OPENAI_API_KEY", "OPENAI_BASE_URL"], prefixes: ["CODEX_"])

    /// What a `command` agent may need: the Anthropic and OpenAI credentials and the Claude Code and Codex
    /// settings; any other key must be named in the configuration.
    public static let commandAgent = Audience.agent(
        credentials: [
            "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL", "OPENAI_API_KEY",
            "OPENAI_BASE_URL", "DISABLE_TELEMETRY", "DISABLE_AUTOUPDATER", "DISABLE_ERROR_REPORTING",
        ],
        prefixes: ["CLAUDE_CODE_", "CODEX_"])

    /// Names every child may get (when the value carries no credential).
    public static let basics: Set<String> = [
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TERM", "TZ", "TMPDIR", "TMP", "TEMP",
        "HOSTNAME", "CI", "NO_COLOR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy",
        "https_proxy", "no_proxy", "all_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS",
        "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "GITHUB_ACTIONS", "GITEA_ACTIONS", "GITHUB_WORKSPACE",
        "GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT", "GITHUB_SHA", "GITHUB_REF",
        "GITHUB_REF_NAME", "GITHUB_EVENT_NAME", "RUNNER_OS", "RUNNER_ARCH", "RUNNER_TEMP",
    ]
    /// Name prefixes every child may get.
    public static let basicPrefixes = ["LC_"]

    /// Forge and runner credentials: never passed, never kept in Conveyor's own environment past start-up.
    public static let forgeCredentials: Set<String> = [
        "GITHUB_TOKEN", "GITEA_TOKEN", "GH_TOKEN", "GITEA_API_TOKEN", "CONVEYOR_TOKEN", "INPUT_TOKEN",
        "ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL",
    ]
    /// Name prefixes never passed: the runner's internal channels and the action's inputs.
    public static let neverPrefixes = ["ACTIONS_", "INPUT_"]

    private static let secretFragments = ["TOKEN", "SECRET", "PASS", "CREDENTIAL", "PRIVATE_KEY", "_KEY"]
    private static let tokenValuePrefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]

    /// Who the environment is for.
    public let audience: Audience
    /// Names the configuration adds for an agent (e.g. a provider key a `command` agent needs); ignored for gate
    /// commands and for ``forgeCredentials``.
    public let extraAllowed: Set<String>
    private let withheldValues: [String]

    /// A scrubber for `audience`.
    ///
    /// - Parameters:
    ///   - extraAllowed: more names an agent may get.
    ///   - secrets: values no child may see under any name (the job's forge token); a variable whose value
    ///     contains one is withheld.
    public init(
        for audience: Audience, allowing extraAllowed: Set<String> = [], withholdingValues secrets: [Secret] = []
    ) {
        self.audience = audience
        self.extraAllowed = extraAllowed
        self.withheldValues = secrets.map { $0.reveal() }.filter { $0.count >= 4 }
    }

    /// Splits `environment` into what the child gets and the names it does not get (sorted).
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

    /// Whether the variable `name` with `value` may reach the child.
    public func allows(name: String, value: String) -> Bool {
        let upper = name.uppercased()
        if Self.forgeCredentials.contains(upper) || Self.neverPrefixes.contains(where: { upper.hasPrefix($0) }) {
            return false
        }
        if withheldValues.contains(where: { value.contains($0) }) { return false }
        if case .agent(let credentials, let prefixes) = audience,
            credentials.contains(name) || extraAllowed.contains(name) || prefixes.contains(where: name.hasPrefix)
        {
            return true
        }
        guard Self.basics.contains(name) || Self.basicPrefixes.contains(where: name.hasPrefix) else { return false }
        return !Self.carriesCredential(value)
    }

    /// Channels into the runner a child could use to act with the job's rights: files whose lines the runner turns
    /// into variables, `PATH` entries, outputs or state of later steps, and the SSH agent's socket.
    public static let runnerChannels: Set<String> = [
        "GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STATE", "GITHUB_STEP_SUMMARY", "SSH_AUTH_SOCK",
    ]

    /// Whether Conveyor takes a variable out of its own environment at start-up: a forge or runner credential, a
    /// runner channel (``runnerChannels``), a name that reads like a secret (`*TOKEN*`, `*SECRET*`, `*PASS*`,
    /// `*_KEY*`, …), or a value shaped like a token or a URL with a password.
    public static func isCredential(name: String, value: String) -> Bool {
        let upper = name.uppercased()
        return forgeCredentials.contains(upper) || runnerChannels.contains(upper) || upper.hasPrefix("ACTIONS_")
            || upper.hasPrefix("INPUT_TOKEN") || secretFragments.contains(where: { upper.contains($0) })
            || carriesCredential(value)
    }

    /// Whether `value` looks like a forge token or a URL with a password in it.
    public static func carriesCredential(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if tokenValuePrefixes.contains(where: { trimmed.hasPrefix($0) }) { return true }
        guard let schemeEnd = trimmed.range(of: "://") else { return false }
        let rest = trimmed[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return false }
        return authority[..<at].contains(":")
    }
}
