import Execution
import Foundation
import Pipeline
import StateBranch
import Testing
import Triggers

/// The event × state → action table (ADR 0012), case by case, with states built from runs and audit entries the
/// way state records them.
@Suite struct FlowDecisionTests {
    static let owner = Actor(login: "alice", type: .user)
    static let item = WorkItemKey(repository: "o/r", number: 1)

    static func run(_ operation: TriggerOperation, mode: RunMode = .run, source: TriggerSource = .command("/x"))
        -> TriggerRun
    {
        TriggerRun(
            workItem: WorkItemRef(number: 1, kind: .issue), operation: operation, mode: mode, actor: owner,
            source: source)
    }

    static func summary(_ stage: StageName, _ status: RunStatus, _ outcome: String?, at seconds: Double) -> RunSummary {
        RunSummary(
            runID: "r-\(stage)-\(seconds)", workItem: item, stage: stage.rawValue, mode: "run", status: status,
            outcome: outcome, startedAt: Date(timeIntervalSince1970: seconds), endedAt: nil)
    }

    static func event(_ type: FlowEventType, _ fields: [String: String], at seconds: Double) -> FlowEventSummary {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        let json = String(decoding: data, as: UTF8.self)
        return FlowEventSummary(
            idempotencyKey: "\(type.rawValue)-\(seconds)", eventType: type.rawValue, actorType: "user",
            actorID: "alice", payloadJSON: json, at: Date(timeIntervalSince1970: seconds))
    }

    static let inReview = FlowState(runs: [summary(.intake, .succeeded, "pass", at: 10)], events: [])
    static let needsInput = FlowState(runs: [summary(.intake, .succeeded, "needs_input", at: 10)], events: [])
    static let failed = FlowState(runs: [summary(.intake, .succeeded, "fail", at: 10)], events: [])
    static let running = FlowState(runs: [summary(.intake, .started, nil, at: 10)], events: [])
    static let approved = FlowState(
        runs: [summary(.intake, .succeeded, "pass", at: 10)],
        events: [event(.stageApproved, ["stage": "intake"], at: 20)])

    func decide(_ run: TriggerRun, _ state: FlowState, rounds: Int = 3) -> FlowAction {
        FlowDecision.decide(run, state: state, pipeline: .default, maxReviseRounds: rounds)
    }

    @Test func labelsStartStagesAndTheNextStagesLabelApprovesTheOneInReview() {
        #expect(
            decide(Self.run(.stage(.intake), source: .label("run:intake")), FlowState())
                == .runStage(.intake, .run, approving: nil))
        #expect(
            decide(Self.run(.stage(.vision), source: .label("run:vision")), Self.inReview)
                == .runStage(.vision, .run, approving: .intake))
        #expect(
            decide(Self.run(.stage(.vision), source: .inputs), Self.approved)
                == .runStage(.vision, .run, approving: nil))
    }

    @Test func approveNeedsAStageInReview() {
        #expect(decide(Self.run(.approve), Self.inReview) == .approve(.intake, next: .vision))
        for state in [FlowState(), Self.needsInput, Self.failed, Self.running, Self.approved] {
            guard case .refuse = decide(Self.run(.approve), state) else {
                Issue.record("approve in \(state.status) must be refused")
                continue
            }
        }
        let last = FlowState(runs: [Self.summary(.ops, .succeeded, "pass", at: 10)], events: [])
        #expect(decide(Self.run(.approve), last) == .approve(.ops, next: nil))
    }

    /// A dev run that left its CI to tick (`ci.pending`) is not in review until a tick judged the head green: an
    /// approval before then is refused; a revise is not.
    @Test func approveWaitsForTheCIOfADevRunLeftPending() {
        let dev = Self.summary(.dev, .succeeded, "pass", at: 10)
        let pending = FlowEventSummary(
            idempotencyKey: "\(dev.runID):ci.pending:c1", eventType: CIEvent.pending.rawValue, actorType: "conveyor",
            actorID: nil, payloadJSON: #"{"head":"c1","run":"\#(dev.runID)"}"#, at: Date(timeIntervalSince1970: 11))
        let waiting = FlowState(runs: [dev], events: [pending])
        #expect(waiting.status == .waitingForCI)
        #expect(waiting.ciHead == "c1")
        guard case .refuse(let why) = decide(Self.run(.approve), waiting) else {
            Issue.record("approve while CI is pending must be refused")
            return
        }
        #expect(why.contains("waits for CI"))
        #expect(decide(Self.run(.revise("smaller"), mode: .revise), waiting) == .revise(.dev, round: 1))
        let green = FlowEventSummary(
            idempotencyKey: CIEvent.judgementKey(pending.idempotencyKey), eventType: CIEvent.passed.rawValue,
            actorType: "conveyor", actorID: nil, payloadJSON: "{}", at: Date(timeIntervalSince1970: 30))
        let judged = FlowState(runs: [dev], events: [pending, green])
        #expect(judged.status == .inReview)
        #expect(judged.ciHead == nil)
        #expect(decide(Self.run(.approve), judged) == .approve(.dev, next: Pipeline.default[.dev]?.next))
    }

    @Test func reviseRunsTheStageAgainUntilTheRoundsRunOut() {
        #expect(decide(Self.run(.revise("shorter"), mode: .revise), Self.inReview) == .revise(.intake, round: 1))
        #expect(decide(Self.run(.revise("again"), mode: .revise), Self.failed) == .revise(.intake, round: 1))
        let twice = FlowState(
            runs: [Self.summary(.intake, .succeeded, "pass", at: 10)],
            events: [
                Self.event(.reviseRequested, ["stage": "intake", "findings": "a"], at: 5),
                Self.event(.reviseRequested, ["stage": "intake", "findings": "b"], at: 6),
            ])
        #expect(decide(Self.run(.revise("c"), mode: .revise), twice, rounds: 2) == .reviseLimit(.intake, rounds: 2))
        #expect(decide(Self.run(.revise("c"), mode: .revise), twice, rounds: 3) == .revise(.intake, round: 3))
        #expect(twice.rounds[.intake]?.map(\.text) == ["a", "b"])
        guard case .refuse = decide(Self.run(.revise("x"), mode: .revise), Self.approved) else {
            Issue.record("an approved stage is reopened with /rethink, not /revise")
            return
        }
    }

    @Test func theReviseLabelOfAStageWaitingForAnswersAnswersIt() {
        let label = Self.run(.stage(.intake), mode: .revise, source: .label("run:intake:revise"))
        #expect(decide(label, Self.needsInput) == .answer(.intake))
        #expect(decide(label, Self.inReview) == .revise(.intake, round: 1))
        guard
            case .refuse = decide(
                Self.run(.stage(.prd), mode: .revise, source: .label("run:prd:revise")), Self.inReview)
        else {
            Issue.record("the revise label of another stage must be refused")
            return
        }
    }

    @Test func answersNeedOpenQuestions() {
        #expect(decide(Self.run(.choose(2)), Self.needsInput) == .answer(.intake))
        #expect(decide(Self.run(.answer("A4")), Self.needsInput) == .answer(.intake))
        guard case .refuse = decide(Self.run(.choose(1)), Self.inReview) else {
            Issue.record("/choose with no open question must be refused")
            return
        }
    }

    @Test func rethinkGoesBackOnlyAndAbortEndsEverything() {
        let design = FlowState(runs: [Self.summary(.design, .succeeded, "pass", at: 10)], events: [])
        #expect(decide(Self.run(.rethink(to: .arch)), design) == .rethink(from: .design, to: .arch))
        guard case .refuse = decide(Self.run(.rethink(to: .dev)), design) else {
            Issue.record("rethink forward must be refused")
            return
        }
        #expect(decide(Self.run(.abort), design) == .abort)
        let aborted = FlowState(
            runs: design.current == nil ? [] : [Self.summary(.design, .succeeded, "pass", at: 10)],
            events: [Self.event(.aborted, [:], at: 20)])
        for operation in [TriggerOperation.approve, .abort, .stage(.design), .revise("x")] {
            guard case .refuse = decide(Self.run(operation), aborted) else {
                Issue.record("\(operation) on an aborted item must be refused")
                continue
            }
        }
    }

    @Test func aDispatchIsPendingUntilItsStageStartsAndOnlyThenAuthorizesConveyorsOwnSender() {
        let dispatched = FlowState(
            runs: [Self.summary(.intake, .succeeded, "pass", at: 10)],
            events: [
                Self.event(.stageApproved, ["stage": "intake"], at: 20),
                Self.event(
                    .stageDispatched,
                    [
                        "stage": "vision", "approval_of": "intake", "approved_by": "alice",
                        "event": "issue_comment comment 7",
                    ], at: 21),
            ])
        #expect(dispatched.pendingDispatches.map(\.stage) == [.vision])
        #expect(dispatched.approvalWithoutNextStage(in: .default) == nil)
        #expect(Self.approved.approvalWithoutNextStage(in: .default) == .vision)
        let bot = TriggerRun(
            workItem: WorkItemRef(number: 1, kind: .issue), operation: .stage(.vision), mode: .run,
            actor: Actor(login: "github-actions[bot]", type: .bot), source: .inputs)
        let selfLogins: Set<String> = ["github-actions[bot]"]
        let allowed = SenderAuthorization.checkChained(bot, state: dispatched, selfLogins: selfLogins)
        #expect(allowed?.authorized == true)
        #expect(
            allowed?.reason.contains("alice") == true && allowed?.reason.contains("issue_comment comment 7") == true)
        #expect(
            SenderAuthorization.checkChained(bot, state: Self.approved, selfLogins: selfLogins)?.authorized == false)
        let started = FlowState(
            runs: [Self.summary(.intake, .succeeded, "pass", at: 10), Self.summary(.vision, .started, nil, at: 30)],
            events: [Self.event(.stageDispatched, ["stage": "vision"], at: 21)])
        #expect(started.pendingDispatches.isEmpty)
        #expect(
            SenderAuthorization.checkChained(
                Self.run(.stage(.vision), source: .inputs), state: started, selfLogins: selfLogins) == nil)
    }
}
