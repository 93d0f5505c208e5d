public import Foundation

/// One classified failure of a run and what the supervisor did about it (``StateChange/recordFailure(_:)``), with
/// the incident report when it escalated (ADR 0017).
///
/// Stored as a row of `failures`, one of `remediations` and, with an incident, one of `incident_reports` plus the
/// report's Markdown as a file on the state branch beside the database. Keyed by ``idempotencyKey``: replaying the
/// record writes nothing twice.
public struct FailureRecord: Codable, Sendable, Equatable {
    /// The incident report of an escalation: a Markdown file committed on the state branch.
    public struct Incident: Codable, Sendable, Equatable {
        /// The file's path on the state branch, e.g. `incidents/12/run-42.md`.
        public var path: String
        /// The report: Markdown with YAML frontmatter.
        public var markdown: String

        /// Creates an incident.
        public init(path: String, markdown: String) {
            self.path = path
            self.markdown = markdown
        }
    }

    /// Unique per failure, e.g. `<run id>:failure:2`.
    public var idempotencyKey: String
    /// The run, which must already be recorded.
    public var runID: String
    /// The attempt that failed, e.g. `<run id>#1.2` (Actions attempt 1, second try inside the job).
    public var attemptID: String
    /// The work item.
    public var workItem: WorkItemKey
    /// The stage, e.g. `dev`.
    public var stage: String
    /// `infra`, `env`, `data`, `flaky`, `product`, `automation`, `policy` or `unknown`.
    public var failureClass: String
    /// How sure the classifier is, 0…1.
    public var confidence: Double
    /// Equal for the same failure seen again; two equal signatures in a stage stop the automatic remediation.
    public var signature: String
    /// The signals the classifier used, as a JSON array.
    public var signalsJSON: String
    /// One sentence: what failed.
    public var summary: String
    /// The playbook action, e.g. `backoff_retry`, `rerun_command`, `escalate`.
    public var action: String
    /// `live` when it was carried out, `shadow` when only proposed.
    public var mode: String
    /// How it ended: `recovered`, `failed_again` (the rerun failed too), `proposed` (shadow mode), `escalated`,
    /// `dispatched` or `not_available` (a re-dispatch this conveyor could not start itself).
    public var result: String
    /// Why this action (or none): one sentence for the narrative.
    public var reason: String
    /// Seconds the remediation took (its backoff and rerun), 0 when nothing ran.
    public var durationSeconds: Double
    /// When the failure happened.
    public var at: Date
    /// The incident report, when the supervisor escalated.
    public var incident: Incident?

    /// Creates a record.
    public init(
        idempotencyKey: String, runID: String, attemptID: String, workItem: WorkItemKey, stage: String,
        failureClass: String, confidence: Double, signature: String, signalsJSON: String, summary: String,
        action: String, mode: String, result: String, reason: String, durationSeconds: Double, at: Date,
        incident: Incident? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.runID = runID
        self.attemptID = attemptID
        self.workItem = workItem
        self.stage = stage
        self.failureClass = failureClass
        self.confidence = confidence
        self.signature = signature
        self.signalsJSON = signalsJSON
        self.summary = summary
        self.action = action
        self.mode = mode
        self.result = result
        self.reason = reason
        self.durationSeconds = durationSeconds
        self.at = at
        self.incident = incident
    }
}

/// A failure state recorded for a stage, with its remediation (``StateDatabase/supervision(of:stage:excludingRun:)``).
public struct RecordedFailure: Codable, Sendable, Equatable {
    /// The run it happened in.
    public var runID: String
    /// Its class.
    public var failureClass: String
    /// Its signature.
    public var signature: String
    /// The action taken or proposed.
    public var action: String
    /// `live` or `shadow`.
    public var mode: String
    /// How the remediation ended.
    public var result: String
    /// Seconds the remediation took.
    public var durationSeconds: Double
    /// When it happened.
    public var at: Date
}

/// What state says about one stage's current episode of failures: everything since the stage last succeeded or
/// last escalated, so a re-dispatched job continues the count instead of starting again.
public struct StageSupervisionHistory: Sendable, Equatable {
    /// The failures of the episode, oldest first.
    public var failures: [RecordedFailure]
    /// Seconds the episode's earlier runs of the stage took (started to ended), the current run excluded.
    public var earlierRunSeconds: Double

    /// Creates a history.
    public init(failures: [RecordedFailure] = [], earlierRunSeconds: Double = 0) {
        self.failures = failures
        self.earlierRunSeconds = earlierRunSeconds
    }
}
