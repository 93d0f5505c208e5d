import Documents
import Forge
import Foundation
import Pipeline
import StateBranch
import Triggers

extension Job {
    /// Records the approval of `stage`, marks its documents `approved` on the work branch and shows it in the
    /// status comment. Idempotent: the record is keyed by the event, the documents are only rewritten when their
    /// status differs.
    func approve(_ stage: StageName, item: WorkItemKey, by actor: String, via: String) async throws {
        try await record(
            .stageApproved, item: item, actor: actor, key: "approve:\(event.key):\(stage.rawValue)",
            [
                "stage": stage.rawValue, "approved_by": actor, "via": via, "event": event.key,
                "next": context.configuration.pipeline[stage]?.next?.rawValue ?? "",
            ])
        try await documents(item).setStatus(
            of: [stage], to: .approved, message: "conveyor: approve \(stage) for #\(item.number) (by \(actor))")
        if let inReview = context.labels.name(for: .state(.inReview)) {
            try await context.forge.removeLabel(inReview, fromIssue: item.number)
        }
        try await refreshStatusComment(item, note: "`\(stage)` approved by \(actor).")
    }

    /// Starts `stage` through the REST API (`workflow_dispatch` of ``JobContext/workflowFile`` with the issue,
    /// stage and mode as inputs), after recording in state the approval it is dispatched for, and shows the
    /// stage's `run:*` label. The dispatched job's sender is Conveyor itself; it runs only because of this record
    /// (``SenderAuthorization/checkChained(_:state:selfLogins:)``).
    func dispatch(_ stage: StageName, after approved: StageName, item: WorkItemKey, approvedBy: String) async throws {
        try await record(
            .stageDispatched, item: item, actor: approvedBy, key: "dispatch:\(event.key):\(stage.rawValue)",
            [
                "stage": stage.rawValue, "mode": RunMode.run.rawValue, "approval_of": approved.rawValue,
                "approved_by": approvedBy, "event": event.key, "workflow": context.workflowFile,
            ])
        let repository = try await context.forge.repositoryInfo()
        try await context.forge.dispatchWorkflow(
            context.workflowFile, ref: repository.defaultBranch,
            inputs: ["issue": String(item.number), "stage": stage.rawValue, "mode": RunMode.run.rawValue])
        if let label = context.labels.name(for: .run(stage, .run)) {
            _ = try await context.forge.addLabels([label], toIssue: item.number)
        }
    }

    /// The last stage was approved: the item is done in state, its outcome labels cleared.
    func finishItem(_ item: WorkItemKey, lastStage: StageName, by actor: String) async throws {
        _ = try await context.store(runID: event.key).apply(
            [
                .upsertWorkItem(
                    WorkItemUpdate(
                        workItem: item, title: "", currentStage: lastStage.rawValue, stageState: "done",
                        at: context.now()))
            ], message: "Done: #\(item.number) after \(lastStage) (approved by \(actor))")
        try await refreshStatusComment(item, note: "Every stage is approved; the pipeline is done for this item.")
    }

    /// Closes the pull request (not merged), marks every document `abandoned`, clears Conveyor's run, state and
    /// need labels, frees the item's leases and marks the item abandoned in state.
    func abort(_ item: WorkItemKey, by actor: String, state: FlowState, run: TriggerRun) async throws {
        let number = item.number
        let prefix = "conveyor/\(number)-"
        var closed: Int?
        for pull in try await context.forge.pullRequests(head: nil, state: .open) where pull.head.hasPrefix(prefix) {
            _ = try await context.forge.updatePullRequest(pull.number, PullRequestUpdate(state: .closed))
            closed = pull.number
        }
        try await documents(item).setStatus(
            of: context.configuration.pipeline.stages.map(\.name), to: .abandoned,
            message: "conveyor: abandon #\(number) (aborted by \(actor))")
        let carried = try await context.forge.labels(onIssue: number)
        for label in carried where context.labels.meaning(ofLabel: label.name) != nil {
            try await context.forge.removeLabel(label.name, fromIssue: number)
        }
        let now = context.now()
        let leases = try await StateSnapshot.reading(context.state) { try await $0.database.liveLeases(at: now) }
            .filter { $0.workItem.repository == item.repository && $0.workItem.number == number }
        var changes: [StateChange] = leases.map {
            .releaseLease(
                LeaseRelease(workItem: item, stage: $0.stage, holder: $0.lease.holder, runID: $0.lease.runID))
        }
        changes.append(
            .upsertWorkItem(
                WorkItemUpdate(
                    workItem: item, title: "", currentStage: state.current?.rawValue, stageState: "abandoned", at: now)
            ))
        changes.append(
            .appendFlowEvent(
                flowEvent(
                    .aborted, item: item, actor: actor, key: "abort:\(event.key)",
                    ["event": event.key, "pull_request": closed.map(String.init) ?? ""])))
        _ = try await context.store(runID: event.key).apply(changes, message: "Abort #\(number) (by \(actor))")
        try await refreshStatusComment(
            item,
            note: "Aborted by \(actor): the pull request is closed unmerged and "
                + "the documents are abandoned.")
    }

    /// Marks the documents of `first` through `last` (pipeline order) `superseded`, each pointing at the version
    /// the new round will write (`superseded_by: <doc_id>@v<n+1>`), in one commit on the work branch.
    func supersede(from first: StageName, through last: StageName, item: WorkItemKey) async throws {
        let order = context.configuration.pipeline.stages.map(\.name)
        guard let start = order.firstIndex(of: first), let end = order.firstIndex(of: last), start <= end else {
            return
        }
        try await documents(item).setStatus(
            of: Array(order[start...end]), to: .superseded,
            message: "conveyor: rethink #\(item.number) back to \(first); \(first)…\(last) superseded")
    }

    /// Appends one entry to the audit log, keyed so a repeat of the same event appends nothing.
    func record(
        _ type: FlowEventType, item: WorkItemKey, actor: String, key: String, _ payload: [String: String]
    ) async throws {
        _ = try await context.store(runID: event.key).apply(
            [.appendFlowEvent(flowEvent(type, item: item, actor: actor, key: key, payload))],
            message: "\(type.rawValue) on #\(item.number) by \(actor)")
    }

    func flowEvent(
        _ type: FlowEventType, item: WorkItemKey, actor: String, key: String, _ payload: [String: String]
    ) -> FlowEventRecord {
        var fields = payload
        fields["event"] = fields["event"] ?? event.key
        let json =
            (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
            .flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return FlowEventRecord(
            idempotencyKey: key, correlationID: context.actionsRun ?? event.key, workItem: item,
            actorType: actor == "conveyor" ? "conveyor" : isSelf(actor) ? "bot" : "user", actorID: actor,
            eventType: type.rawValue, payloadJSON: json, at: context.now())
    }

    /// Posts one short reply to `actor` on issue `number` for this event: never twice for the same event (the reply
    /// is recorded in state first, keyed by the event).
    func replyOnce(on number: Int, actor: String, reason: String) async throws {
        let item = WorkItemKey(repository: context.repository, number: number)
        let result = try await context.store(runID: event.key).apply(
            [
                .appendFlowEvent(
                    flowEvent(.refused, item: item, actor: actor, key: "reply:\(event.key)", ["reason": reason]))
            ],
            message: "Reply to \(actor) on #\(number)")
        guard result.outcomes.first == .applied else { return }
        _ = try await context.forge.createComment(
            onIssue: number, body: "<!-- conveyor:reply -->\n@\(actor) \(UntrustedText.singleLine(reason))")
    }

    func documents(_ item: WorkItemKey) -> DocumentStatusWriter {
        DocumentStatusWriter(
            forge: context.forge, remote: context.remote, credentials: context.credentials,
            pipeline: context.configuration.pipeline, workItem: item.number,
            scratch: context.scratch.appendingPathComponent("conveyor-docs-\(UUID().uuidString.prefix(8))"))
    }
}
