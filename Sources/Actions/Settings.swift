public import Foundation

/// Every setting Conveyor takes from its environment, read once at start-up into typed values and checked there, so
/// a command never reads the process environment itself and a bad value stops the job before anything
/// runs, with an error naming the variable.
///
/// What it holds: the Actions environment (``actions``: `GITHUB_*`, the forge token as a ``Secret``), Conveyor's own
/// `CONVEYOR_*` variables and `RUNNER_TEMP`. Label names (`RUN_*_LABEL`, `CONVEYOR_VARS`) are read from ``variables``
/// by the label catalog, and `.conveyor/config.yml` by the pipeline configuration, each with its own located errors.
/// `docs/configuration.md` lists exactly ``variableNames`` in its Environment table; a test checks it.
///
/// Printing a value never shows the token.
public struct Settings: Sendable, CustomStringConvertible {
    /// The Actions environment: the event, the repository, the forge and its token.
    public let actions: ActionsEnvironment
    /// `CONVEYOR_AGENT`: the agent that wins over the configuration (`claude`, `command`, `offline`); nil when unset.
    public let agent: String?
    /// `CONVEYOR_AGENT_COMMAND`: the command line of a `command` agent, with `{prompt_file}`, `{work_dir}` and
    /// `{output_file}` placeholders; parsed by the agent, nil when unset.
    public let agentCommand: String?
    /// `CONVEYOR_AGENT_TIMEOUT_SECONDS`: a wall-clock limit for the agent tighter than the stage's
    /// `timeout_minutes`, from 1 second to 7 days; nil when unset.
    public let agentTimeout: Duration?
    /// `CONVEYOR_CLAUDE_BIN`: the Claude Code CLI to run, a path or a name looked up on `PATH`; `claude` when unset.
    public let claudeExecutable: String
    /// `CONVEYOR_CODEX_BIN`: the Codex CLI to run, a path or a name looked up on `PATH`; `codex` when unset.
    public let codexExecutable: String
    /// `CONVEYOR_LOG_FILE`: where the run's JSON-lines log goes; nil means `RUNNER_TEMP/conveyor-<run id>.jsonl`.
    public let logFile: URL?
    /// `CONVEYOR_PROGRESS_SECONDS`: how often a long step (clone, agent run) writes a progress line to the job log.
    public let progressInterval: Duration
    /// `RUNNER_TEMP`: the runner's per-job scratch folder, for logs and pending state files; nil outside Actions.
    public let runnerTemp: URL?
    /// `CONVEYOR_SELF_LOGIN`: further logins that are Conveyor itself, split at commas and spaces.
    public let selfLogins: [String]
    /// `CONVEYOR_STATE_REMOTE`: the git remote holding the state branch; nil means the repository's own.
    public let stateRemote: String?
    /// `CONVEYOR_STATE_CACHE`: a folder that keeps the state repository between commands; nil means a temporary one.
    public let stateCache: URL?
    /// `CONVEYOR_STATE_DEADLINE_MINUTES`: how long a state write keeps retrying a rejected push, 0 to 60 whole
    /// minutes (0 tries one round); nil means the store's default of ten minutes.
    public let stateDeadlineMinutes: Int?
    /// `CONVEYOR_REMEDIATION`: the supervisor's kill switch, a repository variable (`off`, `shadow`, `on`) that wins
    /// over `remediation.mode` in the configuration; nil when unset.
    public let remediationMode: RemediationMode?
    /// `CONVEYOR_WORKFLOW`: the workflow file Conveyor dispatches (`workflow_dispatch`) to start the next stage after
    /// an approval, a file name in `.github/workflows` (or `.gitea/workflows`); `conveyor.yml` when unset.
    public let workflowFile: String
    /// `CONVEYOR_DOC_AUDIT_AGENT`: whether a pull request's doc audit runs the auditor agent after the deterministic
    /// checks: `auto` (the default; same-repository pull requests only, skipped when the agent has no key), `on` (an
    /// agent without a key fails the audit; a fork never gets an agent) or `off`.
    public let docAuditAgent: String
    /// `CONVEYOR_DOC_AUDIT_ROOTS`: the repository-relative folders whose Markdown a doc audit checks, split at commas
    /// and spaces; `docs` when unset.
    public let docAuditRoots: [String]
    /// The variables as read, for the label catalog and the agent's scrubbed environment.
    public let variables: [String: String]

    /// The `CONVEYOR_PROGRESS_SECONDS` accepted: from one second to one hour.
    public static let progressIntervalRange = 1...3_600

    /// The longest `CONVEYOR_AGENT_TIMEOUT_SECONDS` accepted: 7 days, like a stage's `timeout_minutes`.
    public static let agentTimeoutRange = 1...604_800

    /// Every variable a ``Settings`` reads, in the order `docs/configuration.md` documents them.
    public static let variableNames: [String] =
        [
            "GITHUB_ACTIONS", "GITEA_ACTIONS", "GITHUB_API_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY",
            "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT", "GITHUB_ACTOR",
            "GITHUB_WORKSPACE", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY",
        ] + ActionsEnvironment.tokenVariables + [
            "CONVEYOR_STATE_REMOTE", "CONVEYOR_STATE_CACHE", "CONVEYOR_STATE_DEADLINE_MINUTES", "CONVEYOR_SELF_LOGIN",
            "CONVEYOR_WORKFLOW", "CONVEYOR_AGENT",
            "CONVEYOR_AGENT_COMMAND", "CONVEYOR_AGENT_TIMEOUT_SECONDS", "CONVEYOR_CLAUDE_BIN", "CONVEYOR_LOG_FILE",
            "CONVEYOR_PROGRESS_SECONDS", "CONVEYOR_DOC_AUDIT_AGENT", "CONVEYOR_DOC_AUDIT_ROOTS", "CONVEYOR_REMEDIATION",
            "RUNNER_TEMP",
        ] + agentVariables

    /// Variables Conveyor checks or sets up but the agent itself reads from its (scrubbed) environment: the Codex
    /// agent's API key, base URL, retry count (`CONVEYOR_CODEX_MAX_RETRIES`, checked here: 0 to 10) and program.
    public static let agentVariables = [
        "OPENAI_API_KEY", "OPENAI_BASE_URL", "CONVEYOR_CODEX_MAX_RETRIES", "CONVEYOR_CODEX_BIN",
    ]

    /// Reads and checks `variables` (the process environment at start-up).
    ///
    /// - Throws: ``SettingsError`` naming the first variable whose value is not valid and what it must be.
    public init(_ variables: [String: String]) throws(SettingsError) {
        let read = VariableReader(variables)
        self.variables = variables
        actions = ActionsEnvironment(variables)
        agent = read.trimmed("CONVEYOR_AGENT")
        agentCommand = read.trimmed("CONVEYOR_AGENT_COMMAND")
        if let text = read.trimmed("CONVEYOR_AGENT_TIMEOUT_SECONDS") {
            guard let seconds = Int(text), Self.agentTimeoutRange.contains(seconds) else {
                throw SettingsError(
                    variable: "CONVEYOR_AGENT_TIMEOUT_SECONDS",
                    "must be a whole number of seconds from \(Self.agentTimeoutRange.lowerBound) to "
                        + "\(Self.agentTimeoutRange.upperBound); it is `\(text)`.")
            }
            agentTimeout = .seconds(seconds)
        } else {
            agentTimeout = nil
        }
        claudeExecutable = read.trimmed("CONVEYOR_CLAUDE_BIN") ?? "claude"
        codexExecutable = read.trimmed("CONVEYOR_CODEX_BIN") ?? "codex"
        if let text = read.trimmed("CONVEYOR_CODEX_MAX_RETRIES"), Int(text).map({ (0...10).contains($0) }) != true {
            throw SettingsError(
                variable: "CONVEYOR_CODEX_MAX_RETRIES", "must be a whole number from 0 to 10; it is `\(text)`.")
        }
        logFile = try Self.path(read, "CONVEYOR_LOG_FILE", directory: false)
        if let text = read.trimmed("CONVEYOR_PROGRESS_SECONDS") {
            guard let seconds = Int(text), Self.progressIntervalRange.contains(seconds) else {
                throw SettingsError(
                    variable: "CONVEYOR_PROGRESS_SECONDS",
                    "must be a whole number of seconds from \(Self.progressIntervalRange.lowerBound) to "
                        + "\(Self.progressIntervalRange.upperBound); it is `\(text)`.")
            }
            progressInterval = .seconds(seconds)
        } else {
            progressInterval = .seconds(30)
        }
        runnerTemp = try Self.path(read, "RUNNER_TEMP", directory: true)
        selfLogins = (read.trimmed("CONVEYOR_SELF_LOGIN") ?? "").split { $0 == "," || $0.isWhitespace }.map(String.init)
        docAuditAgent = read.trimmed("CONVEYOR_DOC_AUDIT_AGENT")?.lowercased() ?? "auto"
        guard ["auto", "on", "off"].contains(docAuditAgent) else {
            throw SettingsError(
                variable: "CONVEYOR_DOC_AUDIT_AGENT", "must be `auto`, `on` or `off`; it is `\(docAuditAgent)`.")
        }
        let roots = (read.trimmed("CONVEYOR_DOC_AUDIT_ROOTS") ?? "docs").split { $0 == "," || $0.isWhitespace }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "/")) }
        if let bad = roots.first(where: { $0.isEmpty || $0.split(separator: "/").contains("..") }) {
            throw SettingsError(
                variable: "CONVEYOR_DOC_AUDIT_ROOTS",
                "must list repository-relative folders such as `docs, design`; `\(bad)` is not one.")
        }
        docAuditRoots = roots.isEmpty ? ["docs"] : roots
        stateRemote = read.trimmed("CONVEYOR_STATE_REMOTE")
        let workflow = read.trimmed("CONVEYOR_WORKFLOW") ?? "conveyor.yml"
        guard !workflow.contains("/"), workflow.hasSuffix(".yml") || workflow.hasSuffix(".yaml") else {
            throw SettingsError(
                variable: "CONVEYOR_WORKFLOW",
                "must be a workflow file name ending in .yml or .yaml, without a folder (e.g. `conveyor.yml`); it is "
                    + "`\(workflow)`.")
        }
        workflowFile = workflow
        stateCache = try Self.path(read, "CONVEYOR_STATE_CACHE", directory: true)
        if let text = read.trimmed("CONVEYOR_STATE_DEADLINE_MINUTES") {
            guard let minutes = Int(text), (0...60).contains(minutes) else {
                throw SettingsError(
                    variable: "CONVEYOR_STATE_DEADLINE_MINUTES",
                    "must be a whole number of minutes from 0 to 60; it is `\(text)`.")
            }
            stateDeadlineMinutes = minutes
        } else {
            stateDeadlineMinutes = nil
        }
        if let text = read.trimmed("CONVEYOR_REMEDIATION") ?? Self.repositoryVariable("CONVEYOR_REMEDIATION", in: read)
        {
            guard let mode = RemediationMode(rawValue: text.lowercased()) else {
                throw SettingsError(
                    variable: "CONVEYOR_REMEDIATION", "must be one of \(RemediationMode.spelled); it is `\(text)`.")
            }
            remediationMode = mode
        } else {
            remediationMode = nil
        }
    }

    /// The settings of this process, read from its environment.
    ///
    /// - Throws: ``SettingsError`` as ``init(_:)``.
    public static func current() throws(SettingsError) -> Settings {
        try Settings(ProcessEnvironment.variables)
    }

    /// The value of repository variable `name` in `CONVEYOR_VARS` (`${{ toJSON(vars) }}`; keys match in any case, as
    /// Gitea upper-cases them), trimmed; nil when absent, empty, or when `CONVEYOR_VARS` is not a JSON object (the
    /// label catalog reports that).
    private static func repositoryVariable(_ name: String, in read: VariableReader) -> String? {
        guard let text = read["CONVEYOR_VARS"],
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let value = object.first(where: { $0.key.uppercased() == name })?.value as? String
        else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The file or folder a variable names; it must be an absolute path (a relative one would depend on the step's
    /// working directory).
    private static func path(_ read: VariableReader, _ name: String, directory: Bool) throws(SettingsError) -> URL? {
        guard let text = read.trimmed(name) else { return nil }
        guard text.hasPrefix("/") else {
            throw SettingsError(variable: name, "must be an absolute path; it is `\(text)`.")
        }
        return URL(fileURLWithPath: text, isDirectory: directory)
    }

    /// The settings without their values' secrets: the token shows as `***`.
    public var description: String {
        "Settings(forge: \(actions.forge), token: \(actions.token.map { "\($0)" } ?? "none"), "
            + "agent: \(agent ?? "default"), agentTimeout: \(agentTimeout.map { "\($0)" } ?? "stage"), "
            + "claudeExecutable: \(claudeExecutable))"
    }
}

/// A setting whose value is not valid; the job stops before anything runs (exit 65).
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable that holds the value.
    public let variable: String
    /// What the value must be and what it is, e.g. "must be an absolute path; it is `logs`."
    public let problem: String

    /// Creates an error about `variable`.
    public init(variable: String, _ problem: String) {
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "\(variable) \(problem) Fix the variable in the step's env." }
}
