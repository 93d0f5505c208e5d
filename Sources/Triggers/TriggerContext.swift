import Foundation
import Pipeline

/// Everything needed to turn one Actions event into a ``TriggerDecision``.
public struct TriggerContext: Sendable {
    /// The forge whose runner delivered the event.
    public enum Forge: String, Sendable, Hashable {
        /// github.com or GitHub Enterprise Server.
        case github
        /// Gitea or Forgejo.
        case gitea
    }

    /// Values given as CLI flags (`--issue`, `--stage`, `--mode`) or `workflow_call` inputs.
    public struct Overrides: Sendable, Hashable {
        /// The issue or pull request number.
        public var issue: Int?
        /// A stage name, e.g. `prd`; also the target of a bare `run:rethink` label.
        public var stage: String?
        /// A run mode: `run`, `rerun` or `resume`.
        public var mode: String?

        /// Creates overrides; all values are optional.
        public init(issue: Int? = nil, stage: String? = nil, mode: String? = nil) {
            self.issue = issue
            self.stage = stage
            self.mode = mode
        }
    }

    /// `GITHUB_EVENT_NAME`, e.g. `issues`.
    public var eventName: String
    /// The bytes of the file at `GITHUB_EVENT_PATH`.
    public var payload: Data
    /// The forge.
    public var forge: Forge
    /// The label names in force.
    public var labels: LabelCatalog
    /// The pipeline in force.
    public var pipeline: Pipeline
    /// CLI flags or workflow inputs.
    public var overrides: Overrides
    /// Labels the state says were already handled for this work item; on Gitea, when a `label_updated` payload
    /// has no `changes.added_labels`, a label in the resulting list and not in this set counts as newly added.
    public var handledLabels: Set<String>
    /// Conveyor's own login; events it caused are skipped.
    public var selfLogin: String?

    /// Creates a context.
    public init(
        eventName: String,
        payload: Data,
        forge: Forge,
        labels: LabelCatalog = .defaults,
        pipeline: Pipeline = .default,
        overrides: Overrides = Overrides(),
        handledLabels: Set<String> = [],
        selfLogin: String? = nil
    ) {
        self.eventName = eventName
        self.payload = payload
        self.forge = forge
        self.labels = labels
        self.pipeline = pipeline
        self.overrides = overrides
        self.handledLabels = handledLabels
        self.selfLogin = selfLogin
    }
}
