import Actions
import Execution
import Forge
import Foundation
import Pipeline
import StateBranch
import Store

/// Turns on the heartbeat's judgement of dev runs that ended waiting for CI (`dev.ci.mode: pending`); `conveyor
/// tick` passes it in ``Heartbeat/Context/pendingCI``.
public struct PendingCIChecks: Sendable {
    /// The workflow dispatched to send red CI back to the dev fix loop (`CONVEYOR_WORKFLOW`).
    public var workflowFile: String

    /// Creates the setting.
    public init(workflowFile: String) {
        self.workflowFile = workflowFile
    }
}

/// Judges each `ci.pending` record no tick judged yet (``CIEvent``), reading CI for exactly the recorded head with
/// ``Execution/CIWatch/read(_:)`` (an older head's results never count; Conveyor's own context never does):
/// - a run started on the item since (a revise, a rerun, a rethink): that run owns the item, the record is stale
///   and nothing is written to the forge;
/// - the pull request's head moved on with no run of Conveyor's since (someone else pushed): nothing is judged (the
///   commits are not Conveyor's to vouch for), the stage fails as stale, `state:blocked` with a comment that says the
///   head moved and how to run dev again;
/// - green (or no check at all after `no_checks_seconds`): `state:in-review`, the status comment re-rendered from
///   state, commit status `conveyor/dev` success;
/// - red with attempts left (`max_dev_attempts`, counted across the runs tick dispatched): the stage failed on CI
///   (a run of its own in state with the reason, so status repair and the next run's "last failure" agree), dev
///   dispatched again (`stage.dispatched` in state, which authorizes the job), and that run goes on at the next
///   attempt with the failing checks as its feedback (``Execution/CIEvent/failed``);
/// - red with the attempts spent, or still pending past `dev.ci.timeout_seconds`: the stage failed the same way,
///   `state:blocked`;
/// - otherwise: still waiting, nothing written.
///
/// Every judgement is recorded in state (keyed ``Execution/CIEvent/judgementKey(_:)``), with the end of the dev
/// attempt the record left `ci_pending` (``Execution/CIEvent/attemptStatus``), and published before any forge write,
/// which run afterwards as ``Heartbeat/Report/starts``: a second tick finds the record judged and writes nothing.
struct PendingCIChore {
    let context: Heartbeat.Context
    let checks: PendingCIChecks
    let now: Date

    /// One `ci.pending` record.
    struct Waiting: Sendable {
        var number: Int
        var key: String
        var at: Date
        var head: String
        var pull: Int
        var run: String
        var stage: StageName
        var attempts: Int
        /// The number of the dev attempt's row in `attempts` (``Execution/StageJob`` numbers a re-run's attempts in a
        /// block of their own); records written before it was recorded fall back to `attempts`.
        var attemptNumber: Int
    }

    /// The records no tick judged yet: one state read, no forge call.
    static func waiting(in state: StateDatabase, repository: String) async throws -> [Waiting] {
        let types = ([CIEvent.pending] + CIEvent.judgements).map(\.rawValue)
        let events = try await state.flowEvents(ofTypes: types, repository: repository)
        var waiting: [Waiting] = []
        for (number, entries) in events {
            let judged = Set(entries.filter { $0.eventType != CIEvent.pending.rawValue }.map(\.idempotencyKey))
            for entry in entries where entry.eventType == CIEvent.pending.rawValue {
                guard !judged.contains(CIEvent.judgementKey(entry.idempotencyKey)) else { continue }
                let fields = entry.fields
                guard let head = fields["head"], !head.isEmpty else { continue }
                waiting.append(
                    Waiting(
                        number: number, key: entry.idempotencyKey, at: entry.at, head: head,
                        pull: Int(fields["pull"] ?? "") ?? 0,
                        run: fields["run"] ?? String(entry.idempotencyKey.prefix { $0 != ":" }),
                        stage: fields["stage"].flatMap(StageName.init(rawValue:)) ?? .dev,
                        attempts: Int(fields["attempts"] ?? "") ?? 1,
                        attemptNumber: Int(fields["attempt_number"] ?? "") ?? Int(fields["attempts"] ?? "") ?? 1))
            }
        }
        return waiting.sorted { ($0.number, $0.at) < ($1.number, $1.at) }
    }

    /// Judges `waiting`; returns the lines, the state changes and the forge writes to run once they are published.
    func run(_ waiting: [Waiting], state: StateDatabase) async throws -> MissedWork {
        let repository = "\(context.forge.repository)"
        let runs = try await state.runsByWorkItem(repository: repository)
        let commentIDs = try await state.statusCommentIDs(repository: repository)
        var outcome = MissedWork()
        for record in waiting {
            do {
                try await judge(
                    record, runs: runs[record.number] ?? [], commentID: commentIDs[record.number], into: &outcome)
            } catch {
                outcome.lines.append(
                    "#\(record.number): could not read CI of `\(record.head.prefix(12))`: \(error); the next tick "
                        + "tries again")
            }
        }
        return outcome
    }

    private func judge(_ record: Waiting, runs: [RunSummary], commentID: Int?, into outcome: inout MissedWork)
        async throws
    {
        let forge = context.forge
        let settings = context.configuration.work
        let head = "`\(record.head.prefix(12))`"
        // A run of Conveyor's started on the item since: its own push gets its own record, and it owns the labels and
        // the comment now.
        if let later = runs.filter({ $0.runID != record.run && $0.startedAt > record.at }).min(by: {
            ($0.startedAt, $0.runID) < ($1.startedAt, $1.runID)
        }) {
            outcome.changes.append(judgement(.stale, record, ["superseded_by": later.runID]))
            outcome.changes.append(attemptEnd(record, .stale))
            outcome.lines.append(
                "#\(record.number): run \(later.runID) (\(later.stage)) started after run \(record.run) left \(head) "
                    + "waiting for CI: the record is stale and nothing was judged or written")
            return
        }
        var pullURL: String?
        if record.pull > 0 {
            let pull = try await forge.pullRequest(record.pull)
            pullURL = pull.htmlURL
            if pull.headSHA != record.head {
                movedHead(record, to: pull.headSHA, pullURL: pullURL, runs: runs, commentID: commentID, into: &outcome)
                return
            }
        }
        let watch = CIWatch(
            forge: forge, settings: settings.ci, ownContext: "conveyor/\(record.stage.rawValue)")
        var reading = try await watch.read(record.head)
        let waited = max(0, Int(now.timeIntervalSince(record.at)))
        reading.waitedSeconds = waited
        let render = CommentRender(
            context: context, record: record, runs: runs, commentID: commentID, pullURL: pullURL)
        switch reading.state {
        case .green,
            .none where waited >= settings.ci.noChecksSeconds:
            outcome.changes.append(judgement(.passed, record, ["summary": reading.summary]))
            outcome.changes.append(attemptEnd(record, .passed))
            outcome.lines.append("#\(record.number): CI \(reading.summary); the item moves to review")
            let comment = render.comment(
                state: .inReview, verdict: "pass", reasons: ["CI: \(reading.summary)"],
                nextStep: render.reviewStep())
            outcome.starts.append(
                effects(
                    record, comment: comment, commentID: commentID, label: .state(.inReview),
                    status: (.success, "Gate pass, CI green")))
        case .red where record.attempts < settings.maxDevAttempts:
            let next = record.attempts + 1
            let feedback = reading.feedback(budget: settings.feedbackBytes)
            outcome.changes.append(
                judgement(
                    .failed, record,
                    [
                        "summary": reading.summary, "feedback": feedback, "redispatched": "true",
                        "attempts": String(record.attempts),
                    ]))
            outcome.changes.append(attemptEnd(record, .failed))
            outcome.changes += failedRun(
                record, event: .failed,
                reason: "CI \(reading.summary). Conveyor dispatched \(record.stage) again for attempt \(next) of "
                    + "\(settings.maxDevAttempts) with the failing checks.")
            outcome.changes.append(dispatchRecord(record))
            outcome.lines.append(
                "#\(record.number): CI \(reading.summary); dispatching \(checks.workflowFile) for "
                    + "\(record.stage) (attempt \(next) of \(settings.maxDevAttempts))")
            let comment = render.comment(
                state: .failed, verdict: "fail",
                reasons: [
                    "CI \(reading.summary).",
                    "Conveyor dispatched \(record.stage) again: attempt \(next) of \(settings.maxDevAttempts) gets the "
                        + "failing checks.",
                ], nextStep: "wait for the dispatched \(record.stage) run")
            outcome.starts.append(
                effects(
                    record, comment: comment, commentID: commentID, label: nil,
                    status: (.failure, "CI red; dev attempt \(next) dispatched")))
            let (forge, workflow, number, stage) = (forge, checks.workflowFile, record.number, record.stage)
            outcome.starts.append {
                let info = try await forge.repositoryInfo()
                try await forge.dispatchWorkflow(
                    workflow, ref: info.defaultBranch,
                    inputs: ["issue": String(number), "stage": stage.rawValue, "mode": RunMode.run.rawValue])
            }
        case .red:
            let reason =
                "CI failed on the pull request's head after \(record.attempts) attempt(s) (`dev.max_dev_attempts` is "
                + "\(settings.maxDevAttempts)): \(reading.summary). Fix what the checks report, then run "
                + "\(record.stage) again."
            block(
                record, event: .failed, reason: reason, fields: ["summary": reading.summary], render: render,
                status: (.failure, "CI red"), into: &outcome)
        case .pending, .none:
            guard waited >= settings.ci.timeoutSeconds else {
                outcome.lines.append("#\(record.number): CI on \(head) still pending after \(waited) s; waiting")
                return
            }
            let reason =
                "CI \(reading.summary), past `dev.ci.timeout_seconds` (\(settings.ci.timeoutSeconds) s). Nothing was "
                + "judged red; run \(record.stage) again once CI has finished, or raise `dev.ci.timeout_seconds`."
            block(
                record, event: .timedOut, reason: reason, fields: ["summary": reading.summary], render: render,
                status: (.failure, "CI still pending past the timeout"), into: &outcome)
        }
    }

    /// The pull request's head is not the recorded one and no run of Conveyor's started since: someone else pushed
    /// to the work branch. Nothing is judged (a commit Conveyor did not push is not its to vouch for, and its CI
    /// says nothing about the recorded head any more); the stage fails as stale, so `/approve` stays refused and the
    /// owner is told what happened and how to go on: a dev run starts from the new head and judges its own push.
    private func movedHead(
        _ record: Waiting, to current: String, pullURL: String?, runs: [RunSummary], commentID: Int?,
        into outcome: inout MissedWork
    ) {
        let labels = context.labels
        let again = labels.name(for: .run(record.stage, .run)).map { "add `\($0)`" } ?? "run \(record.stage) again"
        let reason =
            "The pull request's head moved to `\(current.prefix(12))` after run \(record.run) pushed "
            + "`\(record.head.prefix(12))` and before its CI was judged: someone else pushed to the work branch. "
            + "Conveyor judges only the heads it pushed, so nothing was judged."
        let render = CommentRender(
            context: context, record: record, runs: runs, commentID: commentID, pullURL: pullURL)
        block(
            record, event: .stale, reason: reason, fields: ["current_head": current], render: render,
            status: (.error, "Not judged: the pull request's head moved to \(current.prefix(12))"),
            nextStep: "\(again) to run \(record.stage) again from the new head (its commits are kept and that "
                + "run's own push is judged), or comment `/revise <what to change>`", into: &outcome)
    }

    /// The stage failed on CI: a run of its own in state (failed, with the reason as its gate result), the judgement,
    /// the end of the attempt, and `state:blocked` with the comment and `status` on the recorded head.
    private func block(
        _ record: Waiting, event: CIEvent, reason: String, fields: [String: String], render: CommentRender,
        status: (state: CommitStatusState, description: String),
        nextStep: String = "fix what the reasons say, then add the stage's label again", into outcome: inout MissedWork
    ) {
        outcome.changes.append(attemptEnd(record, event))
        outcome.changes += failedRun(record, event: event, reason: reason)
        outcome.changes.append(
            judgement(event, record, fields.merging(["attempts": String(record.attempts)]) { $1 }))
        outcome.lines.append("#\(record.number): \(reason) The item is blocked")
        let comment = render.comment(state: .failed, verdict: "fail", reasons: [reason], nextStep: nextStep)
        outcome.starts.append(
            effects(record, comment: comment, commentID: render.commentID, label: .state(.blocked), status: status))
    }

    /// The stage's failure on CI as a run of its own (`<run>-ci`, failed, the reason as its gate result), so state
    /// says what the status comment says: the status repair chore keeps the stage failed, the approval of a stage
    /// whose CI failed is refused, and the next run of the stage gets the reason as its last failure. It starts a
    /// second before `now`, so a dispatch recorded at `now` still counts as not started. Its one attempt is the
    /// judgement, ended as the judged attempt is (a gate result needs an attempt to sit under).
    private func failedRun(_ record: Waiting, event: CIEvent, reason: String) -> [StateChange] {
        let item = WorkItemKey(repository: "\(context.forge.repository)", number: record.number)
        let runID = CIEvent.judgementRunID(record.run)
        let started = now.addingTimeInterval(-1)
        let end = event.attemptStatus
        return [
            .startRun(
                RunStart(
                    runID: runID, workItem: item, stage: record.stage.rawValue, mode: RunMode.run.rawValue,
                    actor: "conveyor", trigger: "tick", at: started)),
            .recordAttempt(
                AttemptRecord(
                    runID: runID, number: 1, forgeRunID: nil, forgeRunAttempt: nil, status: end.status,
                    failureClass: end.failureClass, startedAt: started, endedAt: now)),
            .recordGateResults(
                GateResultRecord(
                    runID: runID, stage: record.stage.rawValue, verdict: "fail",
                    reasons: [.init(check: event == .stale ? "ciStale" : "ciFailed", message: reason)], at: now)),
            .finishRun(RunFinish(runID: runID, status: .failed, outcome: "fail", at: now)),
        ]
    }

    /// The dev attempt the record left `ci_pending`, ended as the judgement says (``Execution/CIEvent/attemptStatus``).
    private func attemptEnd(_ record: Waiting, _ event: CIEvent) -> StateChange {
        let end = event.attemptStatus
        return .recordAttempt(
            AttemptRecord(
                runID: record.run, number: record.attemptNumber, forgeRunID: nil, forgeRunAttempt: nil,
                status: end.status, failureClass: end.failureClass, startedAt: record.at, endedAt: now))
    }

    /// The judgement entry of `record`, keyed so it is recorded once.
    private func judgement(_ event: CIEvent, _ record: Waiting, _ extra: [String: String]) -> StateChange {
        var fields = extra
        fields["head"] = record.head
        fields["run"] = record.run
        fields["pull"] = String(record.pull)
        return .appendFlowEvent(
            FlowEventRecord(
                idempotencyKey: CIEvent.judgementKey(record.key), correlationID: record.run,
                workItem: WorkItemKey(repository: "\(context.forge.repository)", number: record.number),
                actorType: "conveyor", actorID: nil, eventType: event.rawValue,
                payloadJSON: MissedStageFinder.json(fields), at: now))
    }

    /// `stage.dispatched` for the dev run tick starts: what authorizes that job (Conveyor never authorizes itself),
    /// with an `event` of tick's own so the missed-work chore never dispatches it again.
    private func dispatchRecord(_ record: Waiting) -> StateChange {
        .appendFlowEvent(
            FlowEventRecord(
                idempotencyKey: "ci.redispatch:\(record.key)", correlationID: record.run,
                workItem: WorkItemKey(repository: "\(context.forge.repository)", number: record.number),
                actorType: "conveyor", actorID: "conveyor", eventType: FlowEventType.stageDispatched.rawValue,
                payloadJSON: MissedStageFinder.json([
                    "stage": record.stage.rawValue, "mode": RunMode.run.rawValue, "approved_by": "conveyor",
                    "event": "\(MissedStageFinder.eventPrefix)\(StateTimestamp.text(now))",
                    "workflow": checks.workflowFile, "via": "tick", "reason": "ci failed",
                ]), at: now))
    }

    /// The forge writes of a judgement, in order: status comment, outcome label, commit status on the head.
    private func effects(
        _ record: Waiting, comment: StatusComment, commentID: Int?, label: LabelMeaning?,
        status: (state: CommitStatusState, description: String)
    ) -> @Sendable () async throws -> Void {
        let (forge, labels, selfLogins) = (context.forge, context.labels, context.selfLogins)
        let (number, head, stage) = (record.number, record.head, record.stage)
        return {
            let marker = StatusComment.marker(workItem: number)
            let comments = try await forge.comments(onIssue: number)
            let own = { (comment: IssueComment) in
                selfLogins.isEmpty || selfLogins.contains { $0.lowercased() == comment.author.login.lowercased() }
            }
            let existing =
                comments.first { $0.id == commentID && $0.body.contains(marker) }
                ?? comments.first { $0.body.contains(marker) && own($0) }
            if let existing {
                _ = try await forge.updateComment(id: existing.id, body: comment.body)
            } else {
                _ = try await forge.createComment(onIssue: number, body: comment.body)
            }
            if let label, let name = labels.name(for: label) {
                let carried = try await forge.addLabels([name], toIssue: number)
                for stale in labels.outcomeLabelsReplaced(by: label, on: carried.map(\.name)) {
                    try await forge.removeLabel(stale, fromIssue: number)
                }
            }
            _ = try await forge.createStatus(
                NewCommitStatus(
                    state: status.state, context: "conveyor/\(stage.rawValue)", description: status.description),
                sha: head)
        }
    }
}

/// The status comment of a judged item, rendered from state: every other stage as its latest successful run left
/// it, the judged stage as the judgement says.
private struct CommentRender {
    let context: Heartbeat.Context
    let record: PendingCIChore.Waiting
    let runs: [RunSummary]
    let commentID: Int?
    let pullURL: String?

    func comment(state: FlowState.StageStatus, verdict: String, reasons: [String], nextStep: String)
        -> StatusComment
    {
        let stages = StatusComment.stageStates(
            of: context.configuration.pipeline, current: record.stage, status: state, runs: runs)
        let run = runs.first { $0.runID == record.run }
        let duration = run.map { max(0, ($0.endedAt ?? $0.startedAt).timeIntervalSince($0.startedAt)) } ?? 0
        return StatusComment(
            workItem: record.number, stages: stages, currentStage: record.stage, verdict: verdict, reasons: reasons,
            pullRequestURL: pullURL, durationSeconds: duration, nextStep: nextStep)
    }

    /// What the owner does with an item in review, as a dev run that saw green CI says it.
    func reviewStep() -> String {
        let labels = context.labels
        let stage = context.configuration.pipeline[record.stage]
        let revise = labels.name(for: .run(record.stage, .revise)).map { "`\($0)`" } ?? "the revise label"
        let next = stage?.next.flatMap { labels.name(for: .run($0, .run)) }.map { "add `\($0)`" }
        return ([next, "comment `/revise <what to change>` or add \(revise)"].compactMap { $0 })
            .joined(separator: " to continue, or ")
    }
}
