import Execution
import Forge
import Foundation
import Pipeline
import StateBranch

/// The forge writes one CI judgement calls for: the status comment, the outcome label and the commit status
/// `conveyor/<stage>` on the judged head.
///
/// They are rendered from the judgement alone (its ``Execution/CIEvent`` and the fields state recorded with it) and
/// state's runs, so the tick that judges and a later tick that finds the writes unconfirmed make the same ones; and
/// they are level-triggered: each is read from the forge first and written only where the forge differs, so a tick
/// that repeats them after a partial failure writes only what is missing. Once every write is made, the start returns
/// the `ci.published` entry that confirms them (``PendingCIChore/publishedKey(_:)``).
struct CIJudgementWrites {
    let context: Heartbeat.Context
    let record: PendingCIChore.Waiting
    let event: CIEvent
    /// The judgement's fields as recorded (`summary`, `reason`, `attempts`, `max_attempts`, `redispatched`,
    /// `current_head`, `pull_url`).
    let fields: [String: String]
    /// The item's runs in state.
    let runs: [RunSummary]

    /// What to write; nil for a judgement with nothing to write (a record a later run made stale).
    struct Writes {
        var comment: StatusComment
        var label: LabelMeaning?
        var status: (state: CommitStatusState, description: String)
    }

    var writes: Writes? {
        let stage = record.stage
        let summary = fields["summary"] ?? ""
        let reason = fields["reason"] ?? summary
        switch event {
        case .passed:
            return Writes(
                comment: comment(.inReview, verdict: "pass", reasons: ["CI: \(summary)"], nextStep: reviewStep),
                label: .state(.inReview), status: (.success, "Gate pass, CI green"))
        case .failed where fields["redispatched"] == "true":
            let next = (Int(fields["attempts"] ?? "") ?? record.attempts) + 1
            let most = fields["max_attempts"] ?? String(context.configuration.work.maxDevAttempts)
            return Writes(
                comment: comment(
                    .failed, verdict: "fail",
                    reasons: [
                        "CI \(summary).",
                        "Conveyor dispatched \(stage) again: attempt \(next) of \(most) gets the failing checks.",
                    ], nextStep: "wait for the dispatched \(stage) run"),
                label: nil, status: (.failure, "CI red; dev attempt \(next) dispatched"))
        case .failed, .timedOut:
            return Writes(
                comment: comment(.failed, verdict: "fail", reasons: [reason], nextStep: Self.fixStep),
                label: .state(.blocked),
                status: (.failure, event == .timedOut ? "CI still pending past the timeout" : "CI red"))
        case .stale:
            guard let current = fields["current_head"] else { return nil }
            let again = context.labels.name(for: .run(stage, .run)).map { "add `\($0)`" } ?? "run \(stage) again"
            return Writes(
                comment: comment(
                    .failed, verdict: "fail", reasons: [reason],
                    nextStep: "\(again) to run \(stage) again from the new head (its commits are kept and that run's "
                        + "own push is judged), or comment `/revise <what to change>`"),
                label: .state(.blocked),
                status: (.error, "Not judged: the pull request's head moved to \(current.prefix(12))"))
        case .pending:
            return nil
        }
    }

    /// The next step of a stage that failed on CI.
    static let fixStep = "fix what the reasons say, then add the stage's label again"

    /// The writes as one start for ``TickJob``: comment, label, commit status, each only where the forge differs;
    /// returns the `ci.published` entry (at `now`) once all are made. Nil when there is nothing to write.
    func start(commentID: Int?, at now: Date) -> (@Sendable () async throws -> [StateChange])? {
        guard let writes else { return nil }
        let (forge, labels, selfLogins) = (context.forge, context.labels, context.selfLogins)
        let record = record
        let confirmation = confirmation(at: now)
        return {
            let number = record.number
            let marker = StatusComment.marker(workItem: number)
            let comments = try await forge.comments(onIssue: number)
            let own = { (comment: IssueComment) in
                selfLogins.isEmpty || selfLogins.contains { $0.lowercased() == comment.author.login.lowercased() }
            }
            let existing =
                comments.first { $0.id == commentID && $0.body.contains(marker) }
                ?? comments.first { $0.body.contains(marker) && own($0) }
            let body = writes.comment.body
            if let existing {
                if existing.body != body { _ = try await forge.updateComment(id: existing.id, body: body) }
            } else {
                _ = try await forge.createComment(onIssue: number, body: body)
            }
            if let label = writes.label, let name = labels.name(for: label) {
                let carried = try await forge.labels(onIssue: number).map(\.name)
                if !carried.contains(name) { _ = try await forge.addLabels([name], toIssue: number) }
                for stale in labels.outcomeLabelsReplaced(by: label, on: carried) {
                    try await forge.removeLabel(stale, fromIssue: number)
                }
            }
            let context = "conveyor/\(record.stage.rawValue)"
            let posted = try await forge.combinedStatus(ref: record.head).status(forContext: context)
            if posted?.state != writes.status.state || posted?.description != writes.status.description {
                _ = try await forge.createStatus(
                    NewCommitStatus(
                        state: writes.status.state, context: context, description: writes.status.description),
                    sha: record.head)
            }
            return [confirmation]
        }
    }

    /// The `ci.published` entry that confirms the writes (keyed ``PendingCIChore/publishedKey(_:)``); `note` says why
    /// when it is recorded with no write behind it.
    func confirmation(at now: Date, note: String? = nil) -> StateChange {
        var fields = ["head": record.head, "judgement": event.rawValue]
        fields["note"] = note
        return record.entry(
            PendingCIChore.publishedEvent, key: PendingCIChore.publishedKey(record.key), fields: fields,
            in: "\(context.forge.repository)", at: now)
    }

    /// The status comment of the judged item, rendered from state: every other stage as its latest successful run
    /// left it, the judged stage as the judgement says.
    private func comment(_ state: FlowState.StageStatus, verdict: String, reasons: [String], nextStep: String)
        -> StatusComment
    {
        let stages = StatusComment.stageStates(
            of: context.configuration.pipeline, current: record.stage, status: state, runs: runs)
        let run = runs.first { $0.runID == record.run }
        let duration = run.map { max(0, ($0.endedAt ?? $0.startedAt).timeIntervalSince($0.startedAt)) } ?? 0
        return StatusComment(
            workItem: record.number, stages: stages, currentStage: record.stage, verdict: verdict, reasons: reasons,
            pullRequestURL: fields["pull_url"], durationSeconds: duration, nextStep: nextStep)
    }

    /// What the owner does with an item in review, as a dev run that saw green CI says it.
    private var reviewStep: String {
        let labels = context.labels
        let stage = context.configuration.pipeline[record.stage]
        let revise = labels.name(for: .run(record.stage, .revise)).map { "`\($0)`" } ?? "the revise label"
        let next = stage?.next.flatMap { labels.name(for: .run($0, .run)) }.map { "add `\($0)`" }
        return ([next, "comment `/revise <what to change>` or add \(revise)"].compactMap { $0 })
            .joined(separator: " to continue, or ")
    }
}
