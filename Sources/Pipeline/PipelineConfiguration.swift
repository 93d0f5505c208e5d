import Foundation

/// The pipeline and settings in force for one repository: the built-in defaults merged with
/// `.conveyor/config.yml`.
///
/// The file may hold any of these keys; everything it leaves out keeps its default:
///
/// ```yaml
/// version: 1
/// state: {branch: conveyor/state, file: state.sqlite}
/// agent: {name: claude, model: some-model, timeout_minutes: 45}   # timeout applies to every stage
/// max_revise_rounds: 3                # revise rounds per stage before a person is asked (need:pm)
/// prices:                             # USD per million tokens, for agents that report no cost (codex)
///   some-model: {input: 1.25, cached_input: 0.125, output: 10}
/// commands:                           # the repository's own commands; dev and qa judge by their exit status
///   test: {run: "python3 -m unittest", timeout_minutes: 10}
///   lint: [ruff, check, .]            # a list runs without a shell; the timeout defaults to 10 minutes
/// dev:
///   max_dev_attempts: 3               # agent attempts per dev run, fixes of failing commands or red CI included
///   feedback_bytes: 16384             # most output of a failing command handed back to the agent
///   protected_paths: ["migrations/**"]  # beyond .github, .gitea, .conveyor and the generated docset
///   commands: [lint, test]            # which commands dev runs, in order (default: all)
///   ci: {mode: wait, timeout_seconds: 1800, poll_seconds: 5, max_poll_seconds: 60, no_checks_seconds: 60}
/// qa: {commands: [test]}              # which commands qa runs (default: all)
/// budgets:                            # all off by default
///   stage: {usd: 5, tokens: 2000000}  # one stage on one work item, all runs
///   work_item: {usd: 20}
///   day: {usd: 50}                    # the repository, since midnight UTC
///   max_turns: 40                     # Claude Code's --max-turns
/// stages:
///   qa:
///     role: qa
///     inputs: [prd, design]
///     write_scope: ["docs/work-items/<N>/**"]
///     gate: {kind: verdict, document: test-report, field: result, pass: [pass], fail: [fail]}
///     next: release                  # null ends the chain
///     requires_approval: true
///     timeout_minutes: 30             # wins over agent.timeout_minutes
///     agent: codex
///     model: some-model
///     artifacts:                      # merged by type: a known type is replaced, a new one added
///       - {path: docs/work-items/<N>/qa/load.md, type: load-test, required_keys: [doc_id, type]}
/// ```
///
/// `remediation` configures the self-healing supervisor (see ``RemediationPolicy``).
///
/// `gate` is also accepted as a bare kind (`gate: artifacts`), and a `command` gate takes `command:` as a list of
/// arguments or as one string run with `sh -c`.
public struct PipelineConfiguration: Sendable, Hashable {
    /// Where the configuration file lives, relative to the repository root.
    public static let relativePath = ".conveyor/config.yml"

    /// The stages, after the file's overrides.
    public var pipeline: Pipeline
    /// Where the state database lives.
    public var state: StateSettings
    /// The agent used by stages that do not name one.
    public var agentDefaults: AgentDefaults
    /// Token prices by model, for agents that report tokens but no cost; empty unless configured.
    public var prices: PriceTable
    /// What the self-healing supervisor may do (`remediation`); shadow mode unless configured.
    public var remediation = RemediationPolicy()
    /// The repository's own commands, the dev loop, CI waiting and budgets (`commands`, `dev`, `qa`, `budgets`).
    public var work: WorkSettings
    /// Revise rounds a stage may have (since the last rethink) before the item is handed to a person (`need:pm`).
    public var maxReviseRounds = 3

    /// The values `max_revise_rounds` may take.
    public static let maxReviseRoundsRange = 1...50
    /// The weekly release train (`release_train:`); off unless the file has the section.
    public var releaseTrain = ReleaseTrainSettings()
    /// The heartbeat's chores (`tick:`).
    public var heartbeat = HeartbeatSettings()

    /// Creates a configuration from its parts.
    public init(
        pipeline: Pipeline, state: StateSettings, agentDefaults: AgentDefaults, prices: PriceTable = PriceTable(),
        work: WorkSettings = WorkSettings()
    ) {
        self.work = work
        self.pipeline = pipeline
        self.state = state
        self.agentDefaults = agentDefaults
        self.prices = prices
    }

    /// The built-in configuration, used when the repository has no configuration file.
    public static let `default` = PipelineConfiguration(
        pipeline: .default, state: StateSettings(), agentDefaults: AgentDefaults())

    /// The defaults merged with `<repositoryRoot>/.conveyor/config.yml`; just the defaults when the file is absent.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem found, each at the offending key.
    public static func load(repositoryRoot: URL) throws(ConfigurationError) -> PipelineConfiguration {
        let file = repositoryRoot.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: file.path) else { return .default }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ConfigurationError(diagnostics: [
                ConfigurationDiagnostic(
                    code: .unreadable, file: relativePath, line: 1, column: 1,
                    message: "The file could not be read as UTF-8 text (\(error.localizedDescription)). "
                        + "Save it as UTF-8 YAML, or delete it to use the defaults.")
            ])
        }
        return try parse(text, file: relativePath)
    }

    /// The defaults merged with the YAML `text`; `file` names it in diagnostics.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem found, each at the offending key.
    public static func parse(_ text: String, file: String = relativePath) throws(ConfigurationError)
        -> PipelineConfiguration
    {
        var reader = ConfigurationReader(file: file)
        let configuration = reader.read(text, over: .default)
        guard reader.diagnostics.isEmpty else {
            throw ConfigurationError(
                diagnostics: reader.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return configuration
    }
}
