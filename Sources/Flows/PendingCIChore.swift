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
/// which run afterwards as ``Heartbeat/Report/starts`` (``CIJudgementWrites``); once they are all made, a `ci.published`
/// entry confirms them in a second commit. A second tick finds the record judged and confirmed and writes nothing. A
/// judgement left unconfirmed (the tick died between its commits, or a write failed) is published again by the next
/// tick, level-triggered: each write is read first and made only where the forge differs from state.
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

        /// The record's work item in `repository`.
        func workItem(in repository: String) -> WorkItemKey {
            WorkItemKey(repository: repository, number: number)
        }

        /// Conveyor's audit-log entry of type `type` about the record's work item, keyed `key`, correlated with the
        /// record's run.
        func entry(
            _ type: String, key: String, fields: [String: String], in repository: String, actorID: String? = nil,
            at date: Date
        ) -> StateChange {
            .appendFlowEvent(
                FlowEventRecord(
                    idempotencyKey: key, correlationID: run, workItem: workItem(in: repository), actorType: "conveyor",
                    actorID: actorID, eventType: type, payloadJSON: MissedStageFinder.json(fields), at: date))
        }
    }

    /// A judgement whose forge writes no `ci.published` entry confirms.
    struct Unpublished: Sendable {
        var record: Waiting
        var event: CIEvent
        var fields: [String: String]
        var at: Date
    }

    /// The audit-log type of the entry that confirms a judgement's forge writes, keyed ``publishedKey(_:)``.
    static let publishedEvent = "ci.published"

    /// The key of the `ci.published` entry of the `ci.pending` entry keyed `pendingKey`.
    static func publishedKey(_ pendingKey: String) -> String { "ci.published:\(pendingKey)" }

    /// The field a judgement with forge writes carries, so a judgement recorded before confirmations existed is never
    /// published again.
    static let confirmedBy = "confirmed_by"

    /// The records no tick judged yet, and the judgements whose forge writes are not confirmed: one state read, no
    /// forge call.
    static func open(in state: StateDatabase, repository: String) async throws -> (
        waiting: [Waiting], unpublished: [Unpublished]
    ) {
        let types = ([CIEvent.pending] + CIEvent.judgements).map(\.rawValue) + [publishedEvent]
        let events = try await state.flowEvents(ofTypes: types, repository: repository)
        var waiting: [Waiting] = []
        var unpublished: [Unpublished] = []
        for (number, entries) in events {
            let judgements = Dictionary(
                entries.filter { CIEvent.judgements.map(\.rawValue).contains($0.eventType) }.map {
                    ($0.idempotencyKey, $0)
                }, uniquingKeysWith: { first, _ in first })
            let published = Set(entries.filter { $0.eventType == publishedEvent }.map(\.idempotencyKey))
            for entry in entries where entry.eventType == CIEvent.pending.rawValue {
                let fields = entry.fields
                guard let head = fields["head"], !head.isEmpty else { continue }
                let record = Waiting(
                    number: number, key: entry.idempotencyKey, at: entry.at, head: head,
                    pull: Int(fields["pull"] ?? "") ?? 0,
                    run: fields["run"] ?? String(entry.idempotencyKey.prefix { $0 != ":" }),
                    stage: fields["stage"].flatMap(StageName.init(rawValue:)) ?? .dev,
                    attempts: Int(fields["attempts"] ?? "") ?? 1,
                    attemptNumber: Int(fields["attempt_number"] ?? "") ?? Int(fields["attempts"] ?? "") ?? 1)
                guard let judgement = judgements[CIEvent.judgementKey(entry.idempotencyKey)] else {
                    waiting.append(record)
                    continue
                }
                let judged = judgement.fields
                guard judged[confirmedBy] != nil, !published.contains(publishedKey(entry.idempotencyKey)),
                    let event = CIEvent(rawValue: judgement.eventType)
                else { continue }
                unpublished.append(Unpublished(record: record, event: event, fields: judged, at: judgement.at))
            }
        }
        return (
            waiting.sorted { ($0.number, $0.at) < ($1.number, $1.at) },
            unpublished.sorted { ($0.record.number, $0.at) < ($1.record.number, $1.at) }
        )
    }

    /// Judges `waiting` and publishes `unpublished` again; returns the lines, the state changes and the forge writes
    /// to run once they are published.
    func run(_ waiting: [Waiting], unpublished: [Unpublished] = [], state: StateDatabase) async throws -> MissedWork {
        let repository = "\(context.forge.repository)"
        let runs = try await state.runsByWorkItem(repository: repository)
        let commentIDs = try await state.statusCommentIDs(repository: repository)
        var outcome = MissedWork()
        for judged in unpublished {
            republish(
                judged, runs: runs[judged.record.number] ?? [], commentID: commentIDs[judged.record.number],
                into: &outcome)
        }
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
        let publish = { (event: CIEvent, fields: [String: String], outcome: inout MissedWork) in
            self.publish(
                record, event, fields.merging(pullURL.map { ["pull_url": $0] } ?? [:]) { $1 }, runs: runs,
                commentID: commentID, into: &outcome)
        }
        switch reading.state {
        case .green,
            .none where waited >= settings.ci.noChecksSeconds:
            outcome.lines.append("#\(record.number): CI \(reading.summary); the item moves to review")
            publish(.passed, ["summary": reading.summary], &outcome)
        case .red where record.attempts < settings.maxDevAttempts:
            let next = record.attempts + 1
            outcome.changes += failedRun(
                record, event: .failed,
                reason: "CI \(reading.summary). Conveyor dispatched \(record.stage) again for attempt \(next) of "
                    + "\(settings.maxDevAttempts) with the failing checks.")
            outcome.changes.append(dispatchRecord(record))
            outcome.lines.append(
                "#\(record.number): CI \(reading.summary); dispatching \(checks.workflowFile) for "
                    + "\(record.stage) (attempt \(next) of \(settings.maxDevAttempts))")
            publish(
                .failed,
                [
                    "summary": reading.summary, "feedback": reading.feedback(budget: settings.feedbackBytes),
                    "redispatched": "true", "attempts": String(record.attempts),
                    "max_attempts": String(settings.maxDevAttempts),
                ], &outcome)
            let (forge, workflow, number, stage) = (forge, checks.workflowFile, record.number, record.stage)
            outcome.starts.append {
                let info = try await forge.repositoryInfo()
                try await forge.dispatchWorkflow(
                    workflow, ref: info.defaultBranch,
                    inputs: ["issue": String(number), "stage": stage.rawValue, "mode": RunMode.run.rawValue])
                return []
            }
        case .red:
            let reason =
                "CI failed on the pull request's head after \(record.attempts) attempt(s) (`dev.max_dev_attempts` is "
                + "\(settings.maxDevAttempts)): \(reading.summary). Fix what the checks report, then run "
                + "\(record.stage) again."
            block(record, event: .failed, reason: reason, into: &outcome)
            publish(.failed, ["summary": reading.summary, "reason": reason], &outcome)
        case .pending, .none:
            guard waited >= settings.ci.timeoutSeconds else {
                outcome.lines.append("#\(record.number): CI on \(head) still pending after \(waited) s; waiting")
                return
            }
            let reason =
                "CI \(reading.summary), past `dev.ci.timeout_seconds` (\(settings.ci.timeoutSeconds) s). Nothing was "
                + "judged red; run \(record.stage) again once CI has finished, or raise `dev.ci.timeout_seconds`."
            block(record, event: .timedOut, reason: reason, into: &outcome)
            publish(.timedOut, ["summary": reading.summary, "reason": reason], &outcome)
        }
    }

    /// Records the judgement `event` of `record` with `fields` (and the field that asks for a confirmation), ends the
    /// attempt the record left `ci_pending`, and adds the judgement's forge writes (``CIJudgementWrites``) as a start.
    private func publish(
        _ record: Waiting, _ event: CIEvent, _ fields: [String: String], runs: [RunSummary], commentID: Int?,
        into outcome: inout MissedWork
    ) {
        let writes = CIJudgementWrites(context: context, record: record, event: event, fields: fields, runs: runs)
        var recorded = fields
        if writes.writes != nil { recorded[Self.confirmedBy] = Self.publishedEvent }
        outcome.changes.append(judgement(event, record, recorded))
        outcome.changes.append(attemptEnd(record, event))
        if let state = Self.itemState(after: event, fields) {
            outcome.changes.append(
                .upsertWorkItem(
                    WorkItemUpdate(
                        workItem: record.workItem(in: "\(context.forge.repository)"),
                        title: "", currentStage: record.stage.rawValue, stageState: state, at: now)))
        }
        if let start = writes.start(commentID: commentID, at: now) { outcome.starts.append(start) }
    }

    /// Where the work item stands after a judgement (`work_items.stage_state`, as a run records it): `in-review`
    /// on green; `blocked` on red with no attempts left, past the timeout, or a head someone else moved; nil when
    /// another run has the item (dev dispatched again, or a run started since), whose own claim says `running`.
    static func itemState(after event: CIEvent, _ fields: [String: String]) -> String? {
        switch event {
        case .passed: "in-review"
        case .failed: fields["redispatched"] == "true" ? nil : "blocked"
        case .timedOut: "blocked"
        case .stale: fields["current_head"] == nil ? nil : "blocked"
        case .pending: nil
        }
    }

    /// A judgement whose writes no tick confirmed: made again where the forge differs from state, unless a run
    /// started on the item since (that run owns the comment and the labels now; only the confirmation is recorded).
    private func republish(
        _ judged: Unpublished, runs: [RunSummary], commentID: Int?, into outcome: inout MissedWork
    ) {
        let record = judged.record
        let own = CIEvent.judgementRunID(record.run)
        let head = "`\(record.head.prefix(12))`"
        let writes = CIJudgementWrites(
            context: context, record: record, event: judged.event, fields: judged.fields, runs: runs)
        if let later = runs.first(where: { $0.runID != own && $0.startedAt > judged.at }) {
            outcome.changes.append(writes.confirmation(at: now, note: "run \(later.runID) started since"))
            outcome.lines.append(
                "#\(record.number): the forge writes of the judgement of \(head) (\(judged.event.rawValue)) were never "
                    + "confirmed, but run \(later.runID) started since and owns the item; nothing was written")
            return
        }
        guard let start = writes.start(commentID: commentID, at: now) else { return }
        outcome.lines.append(
            "#\(record.number): the forge writes of the judgement of \(head) (\(judged.event.rawValue)) were never "
                + "confirmed; the status comment, label and commit status are checked against state and made where "
                + "they differ")
        outcome.starts.append(start)
    }

    /// The pull request's head is not the recorded one and no run of Conveyor's started since: someone else pushed
    /// to the work branch. Nothing is judged (a commit Conveyor did not push is not its to vouch for, and its CI
    /// says nothing about the recorded head any more); the stage fails as stale, so `/approve` stays refused and the
    /// owner is told what happened and how to go on: a dev run starts from the new head and judges its own push.
    private func movedHead(
        _ record: Waiting, to current: String, pullURL: String?, runs: [RunSummary], commentID: Int?,
        into outcome: inout MissedWork
    ) {
        let reason =
            "The pull request's head moved to `\(current.prefix(12))` after run \(record.run) pushed "
            + "`\(record.head.prefix(12))` and before its CI was judged: someone else pushed to the work branch. "
            + "Conveyor judges only the heads it pushed, so nothing was judged."
        block(record, event: .stale, reason: reason, into: &outcome)
        var fields = ["current_head": current, "reason": reason]
        fields["pull_url"] = pullURL
        publish(record, .stale, fields, runs: runs, commentID: commentID, into: &outcome)
    }

    /// The stage failed on CI: a run of its own in state (failed, with the reason as its gate result) and the line;
    /// the judgement and its writes (`state:blocked`) follow through ``publish(_:_:_:runs:commentID:into:)``.
    private func block(_ record: Waiting, event: CIEvent, reason: String, into outcome: inout MissedWork) {
        outcome.changes += failedRun(record, event: event, reason: reason)
        outcome.lines.append("#\(record.number): \(reason) The item is blocked")
    }

    /// The stage's failure on CI as a run of its own (`<run>-ci`, failed, the reason as its gate result), so state
    /// says what the status comment says: the status repair chore keeps the stage failed, the approval of a stage
    /// whose CI failed is refused, and the next run of the stage gets the reason as its last failure. It starts a
    /// second before `now`, so a dispatch recorded at `now` still counts as not started. Its one attempt is the
    /// judgement, ended as the judged attempt is (a gate result needs an attempt to sit under).
    private func failedRun(_ record: Waiting, event: CIEvent, reason: String) -> [StateChange] {
        let item = record.workItem(in: "\(context.forge.repository)")
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
        fields["attempts"] = fields["attempts"] ?? String(record.attempts)
        fields["head"] = record.head
        fields["run"] = record.run
        fields["pull"] = String(record.pull)
        return record.entry(
            event.rawValue, key: CIEvent.judgementKey(record.key), fields: fields, in: "\(context.forge.repository)",
            at: now)
    }

    /// `stage.dispatched` for the dev run tick starts: what authorizes that job (Conveyor never authorizes itself),
    /// with an `event` of tick's own so the missed-work chore never dispatches it again.
    private func dispatchRecord(_ record: Waiting) -> StateChange {
        record.entry(
            FlowEventType.stageDispatched.rawValue, key: "ci.redispatch:\(record.key)",
            fields: [
                "stage": record.stage.rawValue, "mode": RunMode.run.rawValue, "approved_by": "conveyor",
                "event": "\(MissedStageFinder.eventPrefix)\(StateTimestamp.text(now))",
                "workflow": checks.workflowFile, "via": "tick", "reason": "ci failed",
            ], in: "\(context.forge.repository)", actorID: "conveyor", at: now)
    }
}
