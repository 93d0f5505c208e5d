import Actions
import Agents
import Forge
import Foundation
import Git
import Pipeline
import StateBranch

/// Everything one job talks to and every setting it runs with, built once by the command (from ``Settings``) or
/// by a test (against the fake forge and the loopback git server), so ``Job`` runs the same way in both.
public struct JobContext: Sendable {
    /// The forge's REST API, with Conveyor's token.
    public var forge: any ForgeClient
    /// `owner/name` of the repository.
    public var repository: String
    /// The repository's git remote, and the credentials for it.
    public var remote: URL
    /// Credentials for ``remote`` and the state branch.
    public var credentials: Credentials
    /// Where the state branch lives.
    public var state: StateLocation
    /// How long a state write keeps retrying a rejected push.
    public var stateDeadline: Duration = StateWriteOptions.defaultDeadline
    /// Where pending state files go when a state write gives up.
    public var pendingDirectory: URL?
    /// The pipeline and its settings (`.conveyor/config.yml`).
    public var configuration: PipelineConfiguration
    /// The label names in force.
    public var labels: LabelCatalog
    /// `--agent`, when given: wins over everything.
    public var agentFlag: String?
    /// `CONVEYOR_AGENT`, when set: wins over the configuration.
    public var agentSetting: String?
    /// The environment agents' environments are scrubbed from.
    public var agentEnvironment: [String: String] = [:]
    /// The Claude Code CLI.
    public var claudeExecutable = "claude"
    /// The Codex CLI.
    public var codexExecutable = "codex"
    /// The command line of a `command` agent.
    public var commandTemplate: CommandTemplate?
    /// A limit for the agent tighter than the stage's timeout.
    public var agentTimeout: Duration?
    /// `GITHUB_WORKSPACE`, reused when it is a checkout.
    public var existingCheckout: URL?
    /// A folder this job may create scratch folders in.
    public var scratch: URL
    /// `RUNNER_TEMP`, where transcripts and the JSON-lines log go; nil keeps them in the scratch folder.
    public var runnerTemp: URL?
    /// `CONVEYOR_LOG_FILE`, when set.
    public var logFile: URL?
    /// The repository's web address, for links.
    public var webURL: URL?
    /// Conveyor's own logins.
    public var selfLogins: Set<String> = Authorizer.builtInSelfLogins
    /// Values no child process may see.
    public var secrets: [Secret] = []
    /// The workflow file dispatched to start the next stage (`CONVEYOR_WORKFLOW`, default `conveyor.yml`).
    public var workflowFile = "conveyor.yml"
    /// Who holds leases taken by this job.
    public var holder: String
    /// `RUNID-ATTEMPT` of the Actions run; nil outside Actions (run ids are then random).
    public var actionsRun: String?
    /// The Actions run attempt, from 1.
    public var attempt = 1
    /// `GITHUB_RUN_ID`.
    public var forgeRunID: String?
    /// Where a stage's progress lines go (the job's log); nil keeps them in the JSON-lines log only.
    public var jobLog: (@Sendable (String) -> Void)?
    /// How often a long step says it is still going.
    public var progressInterval: Duration = .seconds(30)
    /// `CONVEYOR_REMEDIATION`, the self-healing supervisor's kill switch: wins over the configuration's mode.
    public var remediationKillSwitch: RemediationMode?
    /// The clock.
    public var now: @Sendable () -> Date = { Date() }

    /// Creates a context; the optional settings keep their defaults.
    public init(
        forge: any ForgeClient, repository: String, remote: URL, credentials: Credentials, state: StateLocation,
        configuration: PipelineConfiguration, labels: LabelCatalog, scratch: URL, holder: String
    ) {
        self.forge = forge
        self.repository = repository
        self.remote = remote
        self.credentials = credentials
        self.state = state
        self.configuration = configuration
        self.labels = labels
        self.scratch = scratch
        self.holder = holder
    }

    /// The state store for writes labelled `runID`.
    func store(runID: String) -> StateBranchStore {
        StateBranchStore(
            location: state,
            options: StateWriteOptions(
                deadline: stateDeadline, pendingDirectory: pendingDirectory, pendingLabel: actionsRun ?? runID))
    }

    /// A run id for a new run of `stage` on item `number`: derived from the Actions run, so a retried step reuses
    /// it; random outside Actions.
    func runID(stage: StageName, number: Int, mode: RunMode) -> String {
        let base = actionsRun.map { "\($0)-\(stage.rawValue)-\(number)" } ?? UUID().uuidString.lowercased()
        return base + (mode == .rerun ? "-rerun-\(Int(now().timeIntervalSince1970))" : "")
    }
}

/// What started a job, for the records: the event's name, a key unique to this delivery of it (a comment or review
/// id, else the Actions run), and when the forge says it happened.
public struct JobEvent: Sendable {
    /// `issues`, `issue_comment`, `pull_request_review`, `workflow_dispatch`, …
    public var name: String
    /// Unique per event, e.g. `issue_comment 1234`; the same for a redelivery or a re-run of the same job.
    public var key: String
    /// When the event happened, when the payload says.
    public var time: Date?

    /// Creates an event description.
    public init(name: String, key: String, time: Date? = nil) {
        self.name = name
        self.key = key
        self.time = time
    }

    /// Reads the key and time from an event payload: the comment's or review's id when there is one, else the
    /// issue's `updated_at` with the Actions run, else the Actions run alone.
    public static func of(name: String, payload: Data, actionsRun: String?) -> JobEvent {
        let object = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any] ?? [:]
        let time = ["issue", "pull_request"].lazy.compactMap {
            ((object[$0] as? [String: Any])?["updated_at"] as? String).flatMap(Self.parseTime)
        }.first
        for field in ["comment", "review"] {
            if let id = (object[field] as? [String: Any])?["id"] as? Int {
                return JobEvent(name: name, key: "\(name) \(field) \(id)", time: time)
            }
        }
        return JobEvent(name: name, key: "\(name) run \(actionsRun ?? UUID().uuidString.lowercased())", time: time)
    }

    /// RFC 3339 with `Z` or an offset, with or without fractional seconds.
    public static func parseTime(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
