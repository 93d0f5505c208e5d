import Actions
import Execution
import Forge
import Foundation
import Pipeline
import StateBranch
import Store

/// The pipeline's ``MissedWorkFinder``: starts the stages the events missed, each once.
///
/// Two kinds of missed work, both judged from state (runs and `flow_events`) and the forge's open issues:
/// - a `run:*` label on an open issue with no run of that stage going, none dispatched and none started since the
///   latest run of the stage (the `issues` event was lost, or its job died before it recorded a run);
/// - an approval recorded in state whose next stage was never dispatched (``FlowState/approvalWithoutNextStage(in:)``),
///   or was dispatched and never started (``FlowState/pendingDispatches``), older than ``graceMinutes`` so a tick
///   does not race the job dispatching it right now.
///
/// Each start is recorded in state first, as a `stage.dispatched` entry exactly like the job core's chained
/// dispatch (so the dispatched job is authorized by state, ``Execution/SenderAuthorization``), and only after
/// that commit is the workflow dispatched (``MissedWork/starts``). The entries are keyed, and a recorded dispatch
/// is a pending dispatch, so a second tick starts nothing again; a dispatch tick made itself is never repeated.
public struct MissedStageFinder: MissedWorkFinder {
    /// The forge of the workflow's repository.
    public var forge: any ForgeClient
    /// The pipeline (stage order) and the label names.
    public var pipeline: Pipeline
    /// The label names in force.
    public var labels: LabelCatalog
    /// The workflow file dispatched (`CONVEYOR_WORKFLOW`).
    public var workflowFile: String
    /// How old an approval or a dispatch must be before tick acts on it.
    public var graceMinutes: Int

    /// The `event` field of the dispatches tick records, so tick never repeats its own.
    static let eventPrefix = "tick "

    /// Creates a finder.
    public init(
        forge: any ForgeClient, pipeline: Pipeline, labels: LabelCatalog, workflowFile: String, graceMinutes: Int = 10
    ) {
        self.forge = forge
        self.pipeline = pipeline
        self.labels = labels
        self.workflowFile = workflowFile
        self.graceMinutes = graceMinutes
    }

    /// One stage to start.
    struct Start {
        var item: WorkItemKey
        var stage: StageName
        var mode: RunMode
        var why: String
        var key: String
        var fields: [String: String]
    }

    public func findMissedWork(at now: Date, state: StateDatabase) async throws -> MissedWork {
        let repository = "\(forge.repository)"
        let issues = try await forge.openIssues(labels: [])
        let runs = try await state.runsByWorkItem(repository: repository)
        let done = try await state.flowEventKeys(prefix: "missed:\(repository)#")
        let cutoff = now.addingTimeInterval(-Double(graceMinutes) * 60)
        var starts: [Start] = []
        for issue in issues where !issue.isPullRequest {
            let item = WorkItemKey(repository: repository, number: issue.number)
            let mine = runs[issue.number] ?? []
            let runLabel = issue.labels.contains {
                if case .run = labels.meaning(ofLabel: $0.name) { true } else { false }
            }
            // Without a run no approval can be recorded; without a run label no label is missed.
            guard !mine.isEmpty || runLabel else { continue }
            let events = try await state.flowEvents(on: item)
            let flow = FlowState(runs: mine, events: events)
            guard !flow.aborted else { continue }
            // The approval first: when a label points at the same stage, the start names the approval.
            starts += missedDispatches(item: item, flow: flow, events: events, cutoff: cutoff)
            starts += missedLabels(issue, item: item, runs: mine, flow: flow)
        }
        starts.removeAll { done.contains($0.key) }
        // One start per item and stage, however many reasons point at it (a label and an approval, two labels).
        var seen = Set<String>()
        starts = starts.filter { seen.insert("\($0.item.number) \($0.stage.rawValue)").inserted }
        var outcome = MissedWork()
        let forge = self.forge
        let workflow = workflowFile
        for start in starts {
            var fields = start.fields
            fields["stage"] = start.stage.rawValue
            fields["mode"] = start.mode.rawValue
            fields["event"] = "\(Self.eventPrefix)\(StateTimestamp.text(now))"
            fields["workflow"] = workflow
            fields["via"] = "tick"
            outcome.changes.append(
                .appendFlowEvent(
                    FlowEventRecord(
                        idempotencyKey: start.key, correlationID: "tick-\(Int(now.timeIntervalSince1970))",
                        workItem: start.item, actorType: "conveyor", actorID: fields["approved_by"] ?? "conveyor",
                        eventType: FlowEventType.stageDispatched.rawValue, payloadJSON: Self.json(fields), at: now)))
            outcome.lines.append(
                "#\(start.item.number): \(start.why); dispatching \(workflow) for \(start.stage) (mode \(start.mode))")
            let (number, stage, mode) = (start.item.number, start.stage, start.mode)
            outcome.starts.append {
                let info = try await forge.repositoryInfo()
                try await forge.dispatchWorkflow(
                    workflow, ref: info.defaultBranch,
                    inputs: ["issue": String(number), "stage": stage.rawValue, "mode": mode.rawValue])
                return []
            }
        }
        return outcome
    }

    /// A `run:*` label on the issue whose stage is neither running, nor dispatched, nor started since the stage's
    /// latest run (the label a finished run consumed is removed when it publishes).
    func missedLabels(_ issue: Issue, item: WorkItemKey, runs: [RunSummary], flow: FlowState) -> [Start] {
        issue.labels.compactMap { label -> Start? in
            guard case .run(let stage, let mode) = labels.meaning(ofLabel: label.name), pipeline[stage] != nil
            else { return nil }
            let ofStage = runs.filter { $0.stage == stage.rawValue }.sorted { $0.startedAt > $1.startedAt }
            guard !ofStage.contains(where: { $0.endedAt == nil }),
                !flow.pendingDispatches.contains(where: { $0.stage == stage })
            else { return nil }
            let since = ofStage.first.map { "after run \($0.runID)" } ?? "with no run"
            return Start(
                item: item, stage: stage, mode: mode, why: "`\(label.name)` is on the issue \(since) of \(stage)",
                key: "missed:\(item.repository)#\(item.number):label:\(label.name):\(ofStage.first?.runID ?? "none")",
                fields: ["label": label.name, "approved_by": "conveyor"])
        }
    }

    /// An approval older than the grace period whose next stage was never dispatched, or a dispatch (not tick's
    /// own) older than the grace period whose stage never started.
    func missedDispatches(item: WorkItemKey, flow: FlowState, events: [FlowEventSummary], cutoff: Date) -> [Start] {
        let prefix = "missed:\(item.repository)#\(item.number)"
        if let next = flow.approvalWithoutNextStage(in: pipeline), let current = flow.current {
            let approval = events.filter {
                $0.eventType == FlowEventType.stageApproved.rawValue && $0.fields["stage"] == current.rawValue
            }.max { $0.at < $1.at }
            guard let approval, approval.at <= cutoff else { return [] }
            let by = flow.approvals[current]?.by ?? "conveyor"
            return [
                Start(
                    item: item, stage: next, mode: .run,
                    why: "the approval of \(current) by \(by) started no \(next)",
                    key: "\(prefix):approval:\(approval.idempotencyKey)",
                    fields: ["approval_of": current.rawValue, "approved_by": by])
            ]
        }
        let stale = flow.pendingDispatches.filter { $0.at <= cutoff && !$0.event.hasPrefix(Self.eventPrefix) }
        guard let oldest = stale.min(by: { $0.at < $1.at }),
            !flow.pendingDispatches.contains(where: { $0.stage == oldest.stage && $0.event.hasPrefix(Self.eventPrefix) }
            )
        else { return [] }
        var fields = ["approved_by": oldest.approvedBy]
        if let of = oldest.approvalOf { fields["approval_of"] = of.rawValue }
        return [
            Start(
                item: item, stage: oldest.stage, mode: .run,
                why: "\(oldest.stage) was dispatched at \(StateTimestamp.text(oldest.at)) and never started",
                key: "\(prefix):dispatch:\(oldest.stage.rawValue):\(StateTimestamp.text(oldest.at))", fields: fields)
        ]
    }

    static func json(_ fields: [String: String]) -> String {
        (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
            .flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
