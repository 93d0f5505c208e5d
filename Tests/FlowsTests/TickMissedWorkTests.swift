import Actions
import ConveyorTestSupport
import Execution
import Flows
import Forge
import Foundation
import Pipeline
import StateBranch
import Testing
import Triggers

/// The heartbeat's missed-work chore (``MissedStageFinder``): a `run:*` label no run picked up and an approval whose
/// next stage never started are each dispatched once, recorded in state first; a fresh approval is left alone.
@Suite struct TickMissedWorkTests {
    let t0 = ISO8601DateFormatter().date(from: "2026-12-01T09:00:00Z") ?? Date()

    /// One tick at `now` with the pipeline's finder, published to the state branch and its dispatches sent.
    @discardableResult
    private func tick(_ world: TrainWorld, _ now: Date) async throws -> Heartbeat.Report {
        try await world.tick(now, findsMissedWork: true)
    }

    /// True when state authorizes a `workflow_dispatch` of `stage` on `number` sent by Conveyor's own identity,
    /// as the dispatched job checks it.
    private func authorizesDispatched(_ stage: StageName, _ number: Int, state: FlowState) -> Bool {
        let run = TriggerRun(
            workItem: WorkItemRef(number: number, kind: .issue), operation: .stage(stage), mode: .run,
            actor: Actor(login: "github-actions[bot]", type: .bot), source: .inputs)
        return SenderAuthorization.checkChained(run, state: state, selfLogins: ["github-actions[bot]"])?.authorized
            == true
    }

    private func flowState(_ world: TrainWorld, _ number: Int) async throws -> FlowState {
        try await StateSnapshot.reading(world.location()) { try await FlowState.read(world.item(number), from: $0) }
    }

    /// An item whose intake passed at `t0 - 1h` and was approved by alice at `approvedAt`.
    private func seedApproval(_ world: TrainWorld, _ number: Int, approvedAt: Date) async throws {
        let key = world.item(number)
        try await world.record([
            .startRun(
                RunStart(runID: "run-\(number)", workItem: key, stage: "intake", mode: "run", at: t0 - 3_600)),
            .finishRun(RunFinish(runID: "run-\(number)", status: .succeeded, outcome: "pass", at: t0 - 3_500)),
            .appendFlowEvent(
                FlowEventRecord(
                    idempotencyKey: "approve:issue_comment 1:intake", correlationID: "1", workItem: key,
                    actorType: "user", actorID: "alice", eventType: FlowEventType.stageApproved.rawValue,
                    payloadJSON: #"{"approved_by":"alice","event":"issue_comment 1","stage":"intake"}"#,
                    at: approvedAt)),
        ])
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func aRunLabelNoRunPickedUpIsDispatchedOnce(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: TickChoreTests.quiet) { world in
            let label = try #require(LabelCatalog.defaults.name(for: .run(.vision, .run)))
            let number = await world.forge.seedIssue(title: "Add a flag")
            await world.forge.addLabel(label, toIssue: number)
            let report = try await tick(world, t0)
            #expect(
                report.lines.contains { $0.contains("#\(number): `\(label)` is on the issue with no run of vision") })
            let dispatches = await world.forge.dispatches()
            #expect(dispatches.count == 1)
            #expect(dispatches.first?.workflowID == "conveyor.yml")
            #expect(dispatches.first?.inputs == ["issue": "\(number)", "stage": "vision", "mode": "run"])
            let state = try await flowState(world, number)
            #expect(state.pendingDispatches.map(\.stage) == [.vision])
            #expect(authorizesDispatched(.vision, number, state: state))

            let again = try await tick(world, t0.addingTimeInterval(660))
            #expect(await world.forge.dispatches().count == 1)
            #expect(!again.changes.contains { if case .appendFlowEvent = $0 { true } else { false } })
            #expect(!again.lines.contains { $0.contains("dispatching") })
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func anApprovalWhoseNextStageNeverStartedIsDispatchedOnce(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: TickChoreTests.quiet) { world in
            let number = await world.forge.seedIssue(title: "Add a flag")
            try await seedApproval(world, number, approvedAt: t0 - 1_800)
            // The next stage's label too (a person added it): still one start of the stage.
            await world.forge.addLabel(
                try #require(LabelCatalog.defaults.name(for: .run(.vision, .run))), toIssue: number)
            let before = try await flowState(world, number)
            #expect(before.approvalWithoutNextStage(in: world.configuration.pipeline) == .vision)
            let report = try await tick(world, t0)
            #expect(
                report.lines.contains { $0.contains("#\(number): the approval of intake by alice started no vision") })
            let dispatches = await world.forge.dispatches()
            #expect(dispatches.map(\.inputs) == [["issue": "\(number)", "stage": "vision", "mode": "run"]])
            let state = try await flowState(world, number)
            #expect(state.pendingDispatches.map(\.approvedBy) == ["alice"])
            #expect(state.pendingDispatches.map(\.approvalOf) == [.intake])
            #expect(authorizesDispatched(.vision, number, state: state))

            // Later still not started: tick never repeats its own dispatch.
            try await tick(world, t0.addingTimeInterval(3_600))
            #expect(await world.forge.dispatches().count == 1)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func aDispatchThatNeverStartedIsDispatchedAgainOnce(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: TickChoreTests.quiet) { world in
            let number = await world.forge.seedIssue(title: "Add a flag")
            try await seedApproval(world, number, approvedAt: t0 - 1_800)
            try await world.record([
                .appendFlowEvent(
                    FlowEventRecord(
                        idempotencyKey: "dispatch:issue_comment 1:vision", correlationID: "1",
                        workItem: world.item(number), actorType: "user", actorID: "alice",
                        eventType: FlowEventType.stageDispatched.rawValue,
                        payloadJSON:
                            #"{"approval_of":"intake","approved_by":"alice","event":"issue_comment 1","stage":"vision"}"#,
                        at: t0 - 1_790))
            ])
            let report = try await tick(world, t0)
            #expect(report.lines.contains { $0.contains("#\(number): vision was dispatched at") })
            #expect(
                await world.forge.dispatches().map(\.inputs) == [
                    ["issue": "\(number)", "stage": "vision", "mode": "run"]
                ])
            try await tick(world, t0.addingTimeInterval(660))
            try await tick(world, t0.addingTimeInterval(7_200))
            #expect(await world.forge.dispatches().count == 1)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func aFreshApprovalInsideTheGracePeriodIsLeftAlone(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind, yaml: TickChoreTests.quiet) { world in
            let number = await world.forge.seedIssue(title: "Add a flag")
            try await seedApproval(world, number, approvedAt: t0 - 120)
            let report = try await tick(world, t0)
            #expect(!report.lines.contains { $0.contains("dispatching") })
            #expect(await world.forge.dispatches().isEmpty)
            #expect(try await flowState(world, number).pendingDispatches.isEmpty)
        }
    }
}
