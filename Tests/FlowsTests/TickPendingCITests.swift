import Actions
import ConveyorTestSupport
import Execution
import Flows
import Forge
import Foundation
import GRDB
import Pipeline
import StateBranch
import Store
import Testing
import Triggers

/// The heartbeat's judgement of dev runs that ended waiting for CI (``PendingCIChecks``), on the fake forge in both
/// dialects: CI is read for exactly the recorded head (an older head's red never counts), green moves the item to
/// review, red dispatches dev again within `max_dev_attempts` or blocks the item, pending past the timeout blocks it,
/// a head someone else pushed blocks it unjudged, and a later run of Conveyor's makes the record stale without a
/// write. The status comment says "waiting for CI" with the head until the judgement, and the dev attempt's row in
/// `attempts` ends as judged. Every tick runs twice; the second writes nothing.
@Suite struct TickPendingCITests {
    static let yaml = """
        tick:
          reminders: false
        dev:
          max_dev_attempts: 3
          ci: {mode: pending, timeout_seconds: 600, no_checks_seconds: 60}

        """
    static let oldHead = String(repeating: "0d", count: 20)
    static let head = String(repeating: "c1", count: 20)
    static let newerHead = String(repeating: "e2", count: 20)
    let t0 = ISO8601DateFormatter().date(from: "2026-12-01T09:00:00Z") ?? Date()

    /// One tick at `now` with the CI chore, published to the state branch and its writes sent.
    @discardableResult
    private func tick(_ world: TrainWorld, _ now: Date) async throws -> Heartbeat.Report {
        try await world.tick(now, pendingCI: PendingCIChecks(workflowFile: "conveyor.yml"))
    }

    /// Ticks at `now`, then again a minute later: the second tick writes nothing to the forge and records nothing.
    @discardableResult
    private func tickTwice(
        _ world: TrainWorld, _ now: Date, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Heartbeat.Report {
        let report = try await tick(world, now)
        let before = await world.writes().count
        let again = try await tick(world, now.addingTimeInterval(60))
        let after = await world.writes()
        #expect(
            after.count == before,
            "the second tick wrote: \(after.dropFirst(before).map { "\($0.method) \($0.path)" })",
            sourceLocation: sourceLocation)
        #expect(
            !again.changes.contains { if case .appendFlowEvent = $0 { true } else { false } },
            "the second tick recorded: \(again.changes)", sourceLocation: sourceLocation)
        return report
    }

    /// The stage line of the status comment while dev waits for CI on ``head``, as a dev run posts it.
    static let waitingLine = "◔ **dev** (waiting for CI on `\(head.prefix(12))`)"

    /// The status comment a dev run that passed its gate posts on `number`: dev in review, or (`waiting`) waiting
    /// for CI on ``head``.
    private func postedComment(_ world: TrainWorld, _ number: Int, waiting: Bool) -> String {
        let inReview = StatusComment(
            workItem: number,
            stages: world.configuration.pipeline.stages.map {
                (name: $0.name, state: $0.name == .dev ? StatusComment.StageState.inReview : .pending)
            },
            currentStage: .dev, verdict: "pass", reasons: ["CI: waiting for the checks of the pushed head"],
            durationSeconds: 600
        ).body
        return waiting ? inReview.replacingOccurrences(of: "◐ **dev**", with: Self.waitingLine) : inReview
    }

    /// The number of the dev attempt's row in `attempts`: the run is an Actions re-run (attempts 11…), so the row is
    /// not the loop's attempt number.
    static func attemptRow(_ attempts: Int) -> Int { 10 + attempts }

    /// An issue with its pull request at ``head`` and a dev run that passed its gate at `t0 - 5 min` and ended waiting
    /// for CI with `attempts` attempts used (its last attempt's row `ci_pending`); returns the issue, the pull request
    /// and the status comment's id. `comment` is the comment as the run posted it (default: waiting for CI).
    private func seedWaiting(
        _ world: TrainWorld, attempts: Int = 1, since: Date? = nil, comment body: String? = nil
    ) async throws -> (issue: Int, pull: Int, comment: Int) {
        let number = await world.forge.seedIssue(title: "Add multiply")
        let pull = await world.forge.seedPull(
            title: "#\(number): Add multiply", head: "conveyor/\(number)-add-multiply", headSHA: Self.head,
            baseSHA: Self.oldHead)
        let comment = await world.forge.seedComment(
            issue: number, body: body ?? postedComment(world, number, waiting: true), author: world.forge.owner)
        let key = world.item(number)
        let pendingAt = since ?? t0 - 300
        let payload = MissedStageFinderJSON.of([
            "head": Self.head, "pull": String(pull), "run": "run-dev", "stage": "dev", "attempts": String(attempts),
            "attempt_number": String(Self.attemptRow(attempts)),
        ])
        let store = StateBranchStore(location: world.location(), options: world.writeOptions)
        _ = try await store.apply(
            [
                .startRun(RunStart(runID: "run-dev", workItem: key, stage: "dev", mode: "run", at: pendingAt - 600)),
                .recordAttempt(
                    AttemptRecord(
                        runID: "run-dev", number: Self.attemptRow(attempts), forgeRunID: "4242", forgeRunAttempt: 2,
                        status: "ci_pending", failureClass: nil, startedAt: pendingAt - 500, endedAt: pendingAt)),
                .checkpoint(
                    CheckpointRecord(
                        idempotencyKey: "run-dev:status-comment", runID: "run-dev", step: "status-comment",
                        state: "done", externalRef: String(comment), at: pendingAt)),
                .appendFlowEvent(
                    FlowEventRecord(
                        idempotencyKey: "run-dev:ci.pending:\(Self.head)", correlationID: "run-dev", workItem: key,
                        actorType: "conveyor", actorID: nil, eventType: CIEvent.pending.rawValue,
                        payloadJSON: payload, at: pendingAt)),
                .finishRun(RunFinish(runID: "run-dev", status: .succeeded, outcome: "pass", at: pendingAt)),
            ], message: "test: seed")
        return (number, pull, comment)
    }

    private func events(_ world: TrainWorld, _ number: Int, _ type: CIEvent) async throws -> [FlowEventSummary] {
        try await StateSnapshot.reading(world.location()) {
            try await $0.database.flowEvents(on: world.item(number)).filter { $0.eventType == type.rawValue }
        }
    }

    /// Every row of `attempts` as `attempt_id status failure_class ended`, by id.
    private func attempts(_ world: TrainWorld) async throws -> [String] {
        try await StateSnapshot.reading(world.location()) { snapshot in
            try await snapshot.database.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT attempt_id, status, coalesce(failure_class, '-') AS class,
                            CASE WHEN ended_at IS NULL THEN 'open' ELSE 'ended' END AS ended
                        FROM attempts ORDER BY attempt_id
                        """
                ).map { row in
                    let (id, status, kind, ended): (String, String, String, String) = (
                        row["attempt_id"], row["status"], row["class"], row["ended"]
                    )
                    return "\(id) \(status) \(kind) \(ended)"
                }
            }
        }
    }

    /// The status comment's stage line.
    private func stageLine(_ world: TrainWorld, _ number: Int, _ comment: Int) async throws -> String {
        let body = try #require(await world.forge.comments(issue: number).first { $0.id == comment }?.body)
        return body.components(separatedBy: "\n").first { $0.contains(" → ") } ?? body
    }

    private func label(_ meaning: LabelMeaning) throws -> String {
        try #require(LabelCatalog.defaults.name(for: meaning))
    }

    /// Reports `state` for the head's `ci/test` (and, on GitHub, a check run `unit` to match).
    private func reportCI(_ world: TrainWorld, sha: String, _ state: String, description: String? = nil) async {
        await world.forge.reportStatus(sha: sha, state: state, context: "ci/test", description: description)
        if world.kind == .github {
            let done = state != "pending"
            await world.forge.reportCheckRun(
                sha: sha, name: "unit", status: done ? "completed" : "in_progress", conclusion: done ? state : nil,
                summary: description)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func pendingThenGreenOnTheRecordedHeadMovesTheItemToReviewOnceAndAnOldHeadsRedNeverCounts(kind: ForgeKind)
        async throws
    {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            let (number, _, comment) = try await seedWaiting(world)
            await reportCI(world, sha: Self.oldHead, "failure", description: "the old head was red")
            await reportCI(world, sha: Self.head, "pending")
            let waiting = try await tickTwice(world, t0)
            #expect(waiting.lines.contains { $0.contains("#\(number): CI on `\(Self.head.prefix(12))` still pending") })
            // The status repair chore expects what the dev run posted: waiting for CI on the head, so no write.
            #expect(await world.writes().isEmpty)
            #expect(try await attempts(world) == ["run-dev#11 ci_pending - ended"])

            await reportCI(world, sha: Self.head, "success")
            let green = try await tickTwice(world, t0.addingTimeInterval(300))
            #expect(green.lines.contains { $0.contains("#\(number): CI green on") && $0.contains("moves to review") })
            #expect(await world.forge.labels(issue: number) == [try label(.state(.inReview))])
            let own = await world.forge.statuses(sha: Self.head).filter { $0.context == "conveyor/dev" }
            #expect(own.map(\.state) == ["success"])
            let body = try #require(await world.forge.comments(issue: number).first { $0.id == comment }?.body)
            #expect(body.contains("CI: green on `\(Self.head.prefix(12))`"), "\(body)")
            #expect(body.contains("gate verdict `pass`"), "\(body)")
            #expect(try await stageLine(world, number, comment).contains("◐ **dev** →"))
            #expect(!body.contains("waiting for CI on"), "\(body)")
            #expect(await world.forge.comments(issue: number).count == 1)
            #expect(try await events(world, number, .passed).count == 1)
            #expect(await world.forge.dispatches().isEmpty)
            // The attempt the run left `ci_pending` ended passed; no other row was added.
            #expect(try await attempts(world) == ["run-dev#11 passed - ended"])
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func redOnTheRecordedHeadDispatchesDevAgainOnceWithTheFailingChecks(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            let (number, _, comment) = try await seedWaiting(world, attempts: 1)
            await reportCI(world, sha: Self.head, "failure", description: "test_multiply: 5 != 6")
            let report = try await tickTwice(world, t0)
            #expect(report.lines.contains { $0.contains("dispatching conveyor.yml for dev (attempt 2 of 3)") })
            #expect(try await stageLine(world, number, comment).contains("✗ **dev** →"))
            // The judged attempt ended `ci_failed`; the judgement's own run has its one attempt ended the same way.
            #expect(
                try await attempts(world) == [
                    "run-dev#11 ci_failed product ended", "run-dev-ci#1 ci_failed product ended",
                ])
            let dispatches = await world.forge.dispatches()
            #expect(dispatches.map(\.inputs) == [["issue": "\(number)", "stage": "dev", "mode": "run"]])
            let red = try #require(try await events(world, number, .failed).first)
            #expect(red.fields["redispatched"] == "true")
            #expect(red.fields["attempts"] == "1")
            #expect(red.fields["feedback"]?.contains("test_multiply: 5 != 6") == true, "\(red.fields)")
            // The dispatched job is authorized by state alone: Conveyor's own identity, a recorded dispatch.
            let state = try await StateSnapshot.reading(world.location()) {
                try await FlowState.read(world.item(number), from: $0)
            }
            #expect(state.pendingDispatches.map(\.stage) == [.dev])
            let run = TriggerRun(
                workItem: WorkItemRef(number: number, kind: .issue), operation: .stage(.dev), mode: .run,
                actor: Actor(login: "github-actions[bot]", type: .bot), source: .inputs)
            #expect(
                SenderAuthorization.checkChained(run, state: state, selfLogins: ["github-actions[bot]"])?.authorized
                    == true)
            let own = await world.forge.statuses(sha: Self.head).filter { $0.context == "conveyor/dev" }
            #expect(own.map(\.state) == ["failure"])
            #expect(!(await world.forge.labels(issue: number)).contains(try label(.state(.inReview))))
            // A later tick still dispatches nothing more (tick never repeats its own dispatch).
            try await tick(world, t0.addingTimeInterval(3_600))
            #expect(await world.forge.dispatches().count == 1)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func redWithTheAttemptsSpentBlocksTheItem(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            let (number, _, comment) = try await seedWaiting(world, attempts: 3)
            await reportCI(world, sha: Self.head, "failure", description: "lint: line too long")
            let report = try await tickTwice(world, t0)
            #expect(report.lines.contains { $0.contains("after 3 attempt(s)") && $0.contains("blocked") })
            #expect(await world.forge.dispatches().isEmpty)
            #expect(await world.forge.labels(issue: number) == [try label(.state(.blocked))])
            let body = try #require(await world.forge.comments(issue: number).first { $0.id == comment }?.body)
            #expect(body.contains("CI failed on the pull request's head after 3 attempt(s)"), "\(body)")
            #expect(try await stageLine(world, number, comment).contains("✗ **dev** →"))
            #expect(
                try await attempts(world) == [
                    "run-dev#13 ci_failed product ended", "run-dev-ci#1 ci_failed product ended",
                ])
            let state = try await StateSnapshot.reading(world.location()) {
                try await FlowState.read(world.item(number), from: $0)
            }
            #expect(state.current == .dev)
            #expect(state.status == .failed)
            let own = await world.forge.statuses(sha: Self.head).filter { $0.context == "conveyor/dev" }
            #expect(own.map(\.state) == ["failure"])
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func stillPendingPastTheTimeoutBlocksWithAClearReason(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            let (number, _, _) = try await seedWaiting(world, since: t0 - 700)
            await reportCI(world, sha: Self.head, "pending")
            let report = try await tickTwice(world, t0)
            #expect(report.lines.contains { $0.contains("past `dev.ci.timeout_seconds` (600 s)") }, "\(report.lines)")
            #expect(await world.forge.labels(issue: number) == [try label(.state(.blocked))])
            #expect(try await events(world, number, .timedOut).count == 1)
            #expect(await world.forge.dispatches().isEmpty)
            #expect(
                try await attempts(world) == [
                    "run-dev#11 ci_timed_out infra ended", "run-dev-ci#1 ci_timed_out infra ended",
                ])
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func aNewerHeadPushedBySomeoneElseIsNotJudgedAndBlocksTheItemSayingHowToRunDevAgain(kind: ForgeKind)
        async throws
    {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            let (number, pull, comment) = try await seedWaiting(world)
            await reportCI(world, sha: Self.head, "failure")
            await world.forge.setPullHead(pull, sha: Self.newerHead)
            await reportCI(world, sha: Self.newerHead, "success")
            let report = try await tickTwice(world, t0)
            #expect(
                report.lines.contains {
                    $0.contains("#\(number): The pull request's head moved to `\(Self.newerHead.prefix(12))`")
                        && $0.contains("nothing was judged") && $0.contains("blocked")
                }, "\(report.lines)")
            #expect(try await events(world, number, .stale).count == 1)
            #expect(try await events(world, number, .stale).first?.fields["current_head"] == Self.newerHead)
            // Neither the recorded head's red nor the new head's green counts: blocked, with what to do.
            #expect(await world.forge.labels(issue: number) == [try label(.state(.blocked))])
            let body = try #require(await world.forge.comments(issue: number).first { $0.id == comment }?.body)
            #expect(body.contains("someone else pushed to the work branch"), "\(body)")
            #expect(body.contains("Next: add `run:dev` to run dev again from the new head"), "\(body)")
            #expect(try await stageLine(world, number, comment).contains("✗ **dev** →"))
            #expect(await world.forge.dispatches().isEmpty)
            let old = await world.forge.statuses(sha: Self.head).filter { $0.context == "conveyor/dev" }
            #expect(old.map(\.state) == ["error"])
            #expect(await world.forge.statuses(sha: Self.newerHead).filter { $0.context == "conveyor/dev" }.isEmpty)
            // State agrees: the stage failed, so `/approve` is refused, and the attempt ended stale.
            let state = try await StateSnapshot.reading(world.location()) {
                try await FlowState.read(world.item(number), from: $0)
            }
            #expect(state.status == .failed)
            #expect(
                try await attempts(world) == ["run-dev#11 ci_stale - ended", "run-dev-ci#1 ci_stale - ended"])
            // Judged: later ticks do not read CI for it at all.
            let later = try await tick(world, t0.addingTimeInterval(600))
            #expect(later.nothingDue)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func aRunStartedSinceMakesTheRecordStaleAndTickLeavesTheItemToThatRun(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            let (number, _, comment) = try await seedWaiting(world)
            // The owner asked for a revise while CI ran; that run has started (its push comes later). The old head's
            // CI turns green meanwhile: it must not move the item to review under the running revise.
            let store = StateBranchStore(location: world.location(), options: world.writeOptions)
            _ = try await store.apply(
                [
                    .startRun(
                        RunStart(
                            runID: "run-revise", workItem: world.item(number), stage: "dev", mode: "revise",
                            at: t0 - 60))
                ], message: "test: a revise starts")
            await reportCI(world, sha: Self.head, "success")
            let report = try await tickTwice(world, t0)
            #expect(
                report.lines.contains {
                    $0.contains("#\(number): run run-revise (dev) started after run run-dev") && $0.contains("stale")
                }, "\(report.lines)")
            #expect(await world.writes().isEmpty)
            #expect(await world.forge.labels(issue: number).isEmpty)
            #expect(try await stageLine(world, number, comment).contains(Self.waitingLine))
            #expect(try await events(world, number, .stale).first?.fields["superseded_by"] == "run-revise")
            #expect(try await events(world, number, .passed).isEmpty)
            #expect(try await attempts(world) == ["run-dev#11 ci_stale - ended"])
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func theStageLineSaysWaitingForCIOnTheHeadUntilTickJudgesIt(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            // A comment that says dev is in review while its CI is unjudged (what dev runs posted before): the
            // status repair chore puts the truth from state on the stage line, once.
            let seeded = postedComment(world, 1, waiting: false)
            let (number, _, comment) = try await seedWaiting(world, attempts: 3, comment: seeded)
            #expect(number == 1)
            await reportCI(world, sha: Self.head, "pending")
            let waiting = try await tickTwice(world, t0)
            #expect(
                waiting.lines.contains { $0.contains("#\(number): the status comment did not match state") },
                "\(waiting.lines)")
            #expect(try await stageLine(world, number, comment).contains(Self.waitingLine))
            #expect(!(try await stageLine(world, number, comment)).contains("◐"))
            // Red with the attempts spent: the judgement changes the line.
            await reportCI(world, sha: Self.head, "failure", description: "lint: line too long")
            try await tickTwice(world, t0.addingTimeInterval(300))
            let judged = try await stageLine(world, number, comment)
            #expect(judged.contains("✗ **dev** →") && !judged.contains("waiting for CI"), "\(judged)")
        }
    }

    /// The `ci.published` entries that confirm a judgement's forge writes on `number`.
    private func confirmations(_ world: TrainWorld, _ number: Int) async throws -> Int {
        try await StateSnapshot.reading(world.location()) {
            try await $0.database.flowEvents(on: world.item(number)).filter { $0.eventType == "ci.published" }.count
        }
    }

    /// The forge writes after the first `from`, as `METHOD template`.
    private func writes(_ world: TrainWorld, after from: Int) async -> [String] {
        await world.writes().dropFirst(from).map { "\($0.method) \($0.pathTemplate)" }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func writesATickLeftUndoneAreMadeByTheNextTickWhereTheForgeDiffersFromState(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            let (number, _, comment) = try await seedWaiting(world, attempts: 3)
            await reportCI(world, sha: Self.head, "failure", description: "lint: line too long")
            // The label write fails (a 422 is not retried): the judgement is in state and the comment was rewritten,
            // the label and the commit status were never made, and the tick ends with the error.
            await world.forge.inject(
                .status(422, body: #"{"message":"Validation Failed"}"#), on: ForgeOperation.addLabels)
            await #expect(throws: (any Error).self) { try await tick(world, t0) }
            #expect(try await events(world, number, .failed).count == 1)
            #expect(try await confirmations(world, number) == 0)
            #expect(try await stageLine(world, number, comment).contains("✗ **dev** →"))
            #expect(await world.forge.labels(issue: number).isEmpty)
            #expect(await world.forge.statuses(sha: Self.head).filter { $0.context == "conveyor/dev" }.isEmpty)

            // The next tick finds the judgement unconfirmed: it leaves the comment (it agrees with state), sets the
            // label and posts the commit status, and confirms; the tick after it writes nothing.
            let before = await world.writes().count
            let report = try await tickTwice(world, t0.addingTimeInterval(60))
            #expect(
                report.lines.contains { $0.contains("#\(number): the forge writes of the judgement") },
                "\(report.lines)")
            let made = await writes(world, after: before)
            #expect(
                made.count == 2 && made.contains { $0.contains("labels") } && made.contains { $0.contains("statuses") },
                "\(made)")
            #expect(await world.forge.labels(issue: number) == [try label(.state(.blocked))])
            let own = await world.forge.statuses(sha: Self.head).filter { $0.context == "conveyor/dev" }
            #expect(own.map(\.state) == ["failure"])
            #expect(try await confirmations(world, number) == 1)
            #expect(await world.forge.dispatches().isEmpty)
            let later = try await tick(world, t0.addingTimeInterval(600))
            #expect(later.nothingDue)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func unconfirmedWritesAreLeftToARunStartedSince(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.yaml) { world in
            let (number, _, comment) = try await seedWaiting(world)
            await reportCI(world, sha: Self.head, "success")
            await world.forge.inject(
                .status(422, body: #"{"message":"Validation Failed"}"#), on: ForgeOperation.updateComment)
            await #expect(throws: (any Error).self) { try await tick(world, t0) }
            #expect(try await events(world, number, .passed).count == 1)
            // Before the next tick a revise starts: it owns the comment and the labels now.
            let store = StateBranchStore(location: world.location(), options: world.writeOptions)
            _ = try await store.apply(
                [
                    .startRun(
                        RunStart(
                            runID: "run-revise", workItem: world.item(number), stage: "dev", mode: "revise",
                            at: t0.addingTimeInterval(30)))
                ], message: "test: a revise starts")
            let before = await world.writes().count
            let report = try await tickTwice(world, t0.addingTimeInterval(60))
            #expect(report.lines.contains { $0.contains("run run-revise started since") }, "\(report.lines)")
            #expect(await writes(world, after: before).isEmpty)
            #expect(await world.forge.labels(issue: number).isEmpty)
            #expect(try await stageLine(world, number, comment).contains(Self.waitingLine))
            #expect(try await confirmations(world, number) == 1)
        }
    }
}

/// A JSON object text with sorted keys, as Conveyor writes audit-log payloads.
enum MissedStageFinderJSON {
    static func of(_ fields: [String: String]) -> String {
        (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
            .flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
