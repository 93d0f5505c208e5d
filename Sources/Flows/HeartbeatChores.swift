import Actions
import Execution
import Forge
import Foundation
import Pipeline
import StateBranch
import Store

/// Frees leases past their expiry and marks their runs expired: the job that held each died without saying so.
struct LeaseChore {
    let now: Date

    func lines(for leases: [LeaseSummary]) -> [String] {
        leases.map {
            "released the expired lease of \($0.workItem) \($0.stage) (run \($0.lease.runID), expired "
                + "\(TrainMessages.timestamp($0.lease.expiresAt))); the run is marked expired"
        }
    }

    /// The run's end (first finish wins, and it frees the run's leases) and the lease's release, both idempotent.
    func changes(for leases: [LeaseSummary]) -> [StateChange] {
        leases.flatMap { lease -> [StateChange] in
            [
                .finishRun(
                    RunFinish(
                        runID: lease.lease.runID, status: .expired,
                        outcome: "lease expired at \(StateTimestamp.text(lease.lease.expiresAt)); freed by tick",
                        at: now)),
                .releaseLease(
                    LeaseRelease(
                        workItem: lease.workItem, stage: lease.stage, holder: lease.lease.holder,
                        runID: lease.lease.runID)),
            ]
        }
    }
}

/// Compares each open item's status comment with state and repairs the stage line when they differ (a person edited
/// it, or a run's publish was cut short), or posts it again when it is gone.
///
/// The stage line (`● intake → ◐ **vision** → ○ prd …`) is what state alone determines: the latest run that ended
/// with a verdict is the current stage, shown as its ``Execution/FlowState`` says (in review, waiting for CI with the
/// head, approved, needs input, failed), and every other stage shows its latest successful run, through the same
/// ``Execution/StatusComment/stageStates(of:current:status:runs:)`` a run publishes with. The rest of the comment
/// (reasons, artifacts, usage) is left as the last run wrote it.
struct StatusRepairChore {
    let context: Heartbeat.Context
    let repository: String

    func run(openIssues: [Issue], state: StateDatabase) async throws -> [String] {
        let recorded = try await state.statusCommentIDs(repository: repository)
        guard !recorded.isEmpty else { return [] }
        let runs = try await state.runsByWorkItem(repository: repository)
        let events = try await state.flowEvents(ofTypes: Self.statusEventTypes, repository: repository)
        var lines: [String] = []
        for issue in openIssues {
            guard let commentID = recorded[issue.number], let mine = runs[issue.number],
                let expected = expectedComment(issue.number, runs: mine, events: events[issue.number] ?? [])
            else { continue }
            let marker = StatusComment.marker(workItem: issue.number)
            let comments = try await context.forge.comments(onIssue: issue.number)
            let existing =
                comments.first { $0.id == commentID && $0.body.contains(marker) }
                ?? comments.first { $0.body.contains(marker) && isOwn($0) }
            guard let existing else {
                _ = try await context.forge.createComment(onIssue: issue.number, body: expected.body)
                lines.append("#\(issue.number): the status comment was gone; posted it again from state")
                continue
            }
            guard let repaired = repair(existing.body, with: expected), repaired != existing.body else { continue }
            _ = try await context.forge.updateComment(id: existing.id, body: repaired)
            lines.append("#\(issue.number): the status comment did not match state; its stage line was repaired")
        }
        return lines
    }

    /// The audit-log entries that move the current stage's flow state on from its run's verdict: an approval, and CI
    /// left to tick and its judgement.
    static let statusEventTypes =
        [FlowEventType.stageApproved.rawValue, CIEvent.pending.rawValue] + CIEvent.judgements.map(\.rawValue)

    /// The comment state implies: the stage line and the current stage's verdict; nil while a run is going.
    func expectedComment(_ number: Int, runs: [RunSummary], events: [FlowEventSummary]) -> StatusComment? {
        guard let latest = runs.first, latest.endedAt != nil else { return nil }
        let verdicts = ["pass", "fail", "needs_input"]
        let judged = runs.filter { $0.endedAt != nil && verdicts.contains($0.outcome ?? "") }
        guard let current = judged.first, let currentStage = StageName(rawValue: current.stage) else { return nil }
        let flow = FlowState(runs: judged, events: events)
        return StatusComment(
            workItem: number,
            stages: StatusComment.stageStates(
                of: context.configuration.pipeline, current: currentStage, status: flow.status, runs: runs),
            currentStage: currentStage, verdict: current.outcome ?? "",
            durationSeconds: max(0, (current.endedAt ?? current.startedAt).timeIntervalSince(current.startedAt)),
            ciHead: flow.ciHead)
    }

    /// `body` with its stage line and verdict line set to `expected`'s; the whole expected body when `body` is not
    /// recognisably a status comment any more.
    func repair(_ body: String, with expected: StatusComment) -> String? {
        var lines = body.components(separatedBy: "\n")
        let wanted = expected.body.components(separatedBy: "\n")
        guard lines.count > 5, wanted.count > 5, lines[0] == wanted[0], lines[1] == wanted[1] else {
            return expected.body
        }
        lines[3] = wanted[3]
        lines[5] = wanted[5]
        return lines.joined(separator: "\n")
    }

    private func isOwn(_ comment: IssueComment) -> Bool {
        context.selfLogins.isEmpty
            || context.selfLogins.contains { $0.lowercased() == comment.author.login.lowercased() }
    }
}

/// Reminds of items waiting for the owner (in review, or needing input) once per day per item: each reminder is
/// keyed in `flow_events` by item and UTC day, so no tick sends a second one that day.
struct ReminderChore {
    let context: Heartbeat.Context
    let repository: String
    let now: Date

    func run(openIssues: [Issue], state: StateDatabase) async throws -> (lines: [String], changes: [StateChange]) {
        let waitingLabels = [LabelMeaning.state(.inReview), .need(.input)].compactMap { context.labels.name(for: $0) }
        let waiting = openIssues.filter { issue in waitingLabels.contains { issue.hasLabel($0) } }
        guard !waiting.isEmpty else { return ([], []) }
        let day = Self.day(now)
        let sent = try await state.flowEventKeys(prefix: "reminder:\(repository)#")
        let runs = try await state.runsByWorkItem(repository: repository)
        let after = Double(context.configuration.heartbeat.remindAfterMinutes) * 60
        var lines: [String] = []
        var changes: [StateChange] = []
        for issue in waiting {
            let key = "reminder:\(repository)#\(issue.number):\(day)"
            guard !sent.contains(key), let since = runs[issue.number]?.first?.endedAt,
                now.timeIntervalSince(since) >= after
            else { continue }
            let what =
                issue.hasLabel(waitingLabels.last ?? "") && waitingLabels.count > 1 ? "your answers" : "your approval"
            let mentions = context.configuration.heartbeat.mention.map { "@\($0)" }.joined(separator: " ")
            let days = Int(now.timeIntervalSince(since) / 86_400)
            let body = """
                <!-- conveyor:reminder:\(issue.number):\(day) -->
                ⏰ \(mentions.isEmpty ? "" : mentions + " ")this item has waited for \(what) since \
                \(TrainMessages.timestamp(since))\(days > 0 ? " (\(days) day\(days == 1 ? "" : "s"))" : ""). \
                Conveyor reminds once a day while it waits.

                """
            _ = try await context.forge.createComment(onIssue: issue.number, body: body)
            changes.append(
                .appendFlowEvent(
                    FlowEventRecord(
                        idempotencyKey: key, correlationID: "heartbeat/reminders",
                        workItem: WorkItemKey(repository: repository, number: issue.number), actorType: "conveyor",
                        eventType: "reminder.sent", payloadJSON: #"{"day":"\#(day)"}"#, at: now)))
            lines.append("#\(issue.number): reminded of \(what) (waiting since \(TrainMessages.timestamp(since)))")
        }
        return (lines, changes)
    }

    /// `2026-12-04`, the UTC day of `date`.
    static func day(_ date: Date) -> String {
        String(StateTimestamp.text(date).prefix(10))
    }
}
