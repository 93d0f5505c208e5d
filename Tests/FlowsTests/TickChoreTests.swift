import Actions
import ConveyorTestSupport
import Execution
import Flows
import Forge
import Foundation
import Pipeline
import StateBranch
import Testing

/// The heartbeat's chores besides the train: expired leases, drifted status comments, the daily reminder; each
/// done once, never again on the next tick.
@Suite struct TickChoreTests {
    static let quiet = "tick:\n  reminders: false\n"
    let t0 = ISO8601DateFormatter().date(from: "2026-12-01T09:00:00Z") ?? Date()

    /// Run `run-1` of intake on `key`, started at `t0`: it published status comment `commentID` and passed.
    private func publishedIntakeRun(_ key: WorkItemKey, commentID: Int) -> [StateChange] {
        [
            .startRun(RunStart(runID: "run-1", workItem: key, stage: "intake", mode: "run", at: t0)),
            .checkpoint(
                CheckpointRecord(
                    idempotencyKey: "run-1:status-comment", runID: "run-1", step: "status-comment", state: "done",
                    externalRef: String(commentID), at: t0.addingTimeInterval(10))),
            .finishRun(RunFinish(runID: "run-1", status: .succeeded, outcome: "pass", at: t0.addingTimeInterval(12))),
        ]
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func anExpiredLeaseIsReleasedAndItsRunMarkedExpiredOnce(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.quiet) { world in
            let key = world.item(7)
            try await world.record([
                .startRun(RunStart(runID: "run-7", workItem: key, stage: "intake", mode: "run", at: t0)),
                .claimLease(
                    LeaseClaim(
                        workItem: key, stage: "intake", holder: "job-1", runID: "run-7", ttlSeconds: 600, now: t0)),
            ])
            let report = try await world.tick(t0.addingTimeInterval(3_600))
            #expect(report.lines.contains { $0.contains("released the expired lease of \(key) intake (run run-7") })
            let (runs, leases) = try await StateSnapshot.reading(world.location()) { snapshot in
                (
                    try await snapshot.database.runs(limit: 10),
                    try await snapshot.database.expiredLeases(at: .distantFuture)
                )
            }
            #expect(runs.first?.status == .expired)
            #expect(leases.isEmpty)
            let again = try await world.tick(t0.addingTimeInterval(3_660))
            #expect(again.nothingDue)
            #expect(again.changes.isEmpty)
            #expect(await world.writes().isEmpty)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func aDriftedStatusCommentIsRepairedFromStateOnce(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.quiet) { world in
            let number = await world.forge.seedIssue(title: "Add a flag")
            let stages = PipelineConfiguration.default.pipeline.stages.map { stage in
                (
                    name: stage.name,
                    state: stage.name.rawValue == "intake" ? StatusComment.StageState.inReview : .pending
                )
            }
            let truth = StatusComment(
                workItem: number, stages: stages, currentStage: StageName(rawValue: "intake")!, verdict: "pass",
                reasons: ["every artifact is there"], durationSeconds: 12)
            let drifted = truth.body.replacingOccurrences(of: "◐ **intake**", with: "● **intake**")
                .replacingOccurrences(of: "gate verdict `pass`", with: "gate verdict `fail`")
            let commentID = await world.forge.seedComment(issue: number, body: drifted)
            let key = world.item(number)
            try await world.record(publishedIntakeRun(key, commentID: commentID))
            let report = try await world.tick(t0.addingTimeInterval(60))
            #expect(report.lines.contains { $0.contains("#\(number): the status comment did not match state") })
            let repaired = await world.forge.comments(issue: number).first { $0.id == commentID }?.body
            #expect(repaired == truth.body)
            #expect(await world.writes().count == 1)
            // The next pass (four hours later) finds it matching and writes nothing.
            let later = try await world.tick(t0.addingTimeInterval(60 + 4 * 3_600))
            #expect(!later.lines.contains { $0.contains("status comment") })
            #expect(await world.writes().count == 1)
        }
    }

    /// After an approval the owner operation rewrites the comment with the stage approved; the status repair chore
    /// reads the same flow state (the approval included) and leaves it alone.
    @Test(arguments: [ForgeKind.github, .gitea])
    func anApprovedStageIsNotRepairedBackToInReview(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: Self.quiet) { world in
            let number = await world.forge.seedIssue(title: "Add a flag")
            let approved = StatusComment(
                workItem: number,
                stages: PipelineConfiguration.default.pipeline.stages.map { stage in
                    (name: stage.name, state: stage.name.rawValue == "intake" ? .approved : .pending)
                },
                currentStage: StageName(rawValue: "intake")!, verdict: "pass", durationSeconds: 0,
                nextStep: "`intake` approved by octocat.")
            let commentID = await world.forge.seedComment(issue: number, body: approved.body)
            let key = world.item(number)
            try await world.record(
                publishedIntakeRun(key, commentID: commentID) + [
                    .appendFlowEvent(
                        FlowEventRecord(
                            idempotencyKey: "approve:\(number):intake", correlationID: "run-1", workItem: key,
                            actorType: "user", actorID: "octocat", eventType: "stage.approved",
                            payloadJSON: #"{"stage":"intake","approved_by":"octocat"}"#, at: t0.addingTimeInterval(30)))
                ])
            let report = try await world.tick(t0.addingTimeInterval(60))
            #expect(!report.lines.contains { $0.contains("status comment") }, "\(report.lines)")
            #expect(await world.writes().isEmpty)
            #expect(await world.forge.comments(issue: number).first { $0.id == commentID }?.body == approved.body)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func anItemWaitingForApprovalIsRemindedOncePerDay(kind: ForgeKind) async throws {
        let yaml = "tick:\n  remind_after: 24h\n  mention: [alice]\n"
        try await TrainWorld.with(kind, yaml: yaml) { world in
            let waiting = await world.forge.seedIssue(title: "Add a flag", labels: ["state:in-review"])
            let fresh = await world.forge.seedIssue(title: "Fresh", labels: ["state:in-review"])
            _ = await world.forge.seedIssue(title: "Not waiting", labels: ["bug"])
            var seed: [StateChange] = []
            for (number, ended) in [(waiting, t0), (fresh, t0.addingTimeInterval(2 * 86_400 - 3_600))] {
                let key = world.item(number)
                seed += [
                    .startRun(RunStart(runID: "run-\(number)", workItem: key, stage: "intake", mode: "run", at: ended)),
                    .finishRun(RunFinish(runID: "run-\(number)", status: .succeeded, outcome: "pass", at: ended)),
                ]
            }
            try await world.record(seed)
            let now = t0.addingTimeInterval(2 * 86_400)
            let report = try await world.tick(now)
            #expect(
                report.lines.filter { $0.contains("reminded") } == [
                    report.lines.first { $0.contains("#\(waiting): reminded of your approval") } ?? "missing"
                ])
            #expect(await world.forge.comments(issue: waiting).filter { $0.body.contains("⏰ @alice") }.count == 1)
            #expect(await world.forge.comments(issue: fresh).isEmpty)
            // An hour later the chore runs again and sends nothing; the next day, one more.
            let hourLater = try await world.tick(now.addingTimeInterval(3_600))
            #expect(!hourLater.lines.contains { $0.contains("#\(waiting): reminded") })
            #expect(await world.forge.comments(issue: waiting).count == 1)
            let nextDay = try await world.tick(now.addingTimeInterval(86_400))
            #expect(nextDay.lines.contains { $0.contains("#\(waiting): reminded") })
            #expect(await world.forge.comments(issue: waiting).count == 2)
        }
    }
}
