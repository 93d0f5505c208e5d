import Agents
import Forge
import Foundation
import Pipeline
import StateBranch
import Triggers

/// One Actions job, from the resolved event to the recorded result: decide → authorize → act (claim, run,
/// publish, record), for every operation the owner has (ADR 0011).
///
/// The command (`conveyor run`) builds a ``JobContext`` from the environment and calls ``perform(_:authorization:)``;
/// tests build one against the fake forge and the loopback git server and call the same method in-process. State
/// is read once per job (``FlowState``); the stage itself runs through ``StageJob``.
public struct Job: Sendable {
    /// What the job talks to.
    public let context: JobContext
    /// What started it.
    public let event: JobEvent

    /// Creates a job.
    public init(context: JobContext, event: JobEvent) {
        self.context = context
        self.event = event
    }

    /// Carries out `decision`.
    ///
    /// - Parameter authorization: the sender's authorization when the caller already checked it (`conveyor run`
    ///   does, through `plan`'s decision, and records a denial there); nil checks it here and records a denial.
    /// - Throws: what stopped the stage (see ``StageJob/run()``), a forge or state error.
    public func perform(
        _ decision: TriggerDecision, authorization: AuthorizationOutcome? = nil
    ) async throws -> JobReport {
        switch decision {
        case .skip(let skip):
            if [.unknownCommand, .invalidCommand].contains(skip.code), let item = skip.workItem,
                let actor = skip.actor, actor.type != .bot, !isSelf(actor.login)
            {
                let number = try await issueNumber(for: item)
                if try await isPipelineItem(number) {
                    try await replyOnce(on: number, actor: actor.login, reason: skip.reason)
                }
            }
            return JobReport(outcome: .skipped, message: skip.reason)
        case .run(let run):
            return try await perform(run, authorization: authorization)
        }
    }

    private func perform(_ run: TriggerRun, authorization given: AuthorizationOutcome?) async throws -> JobReport {
        guard let ref = run.workItem else {
            return JobReport(outcome: .refused, message: "The event names no work item; pass --issue.")
        }
        if let given, !given.authorized, !isChainCandidate(run) {
            // Refused before anything is read: a rejected token or an unreachable forge must not touch state.
            return try await denied(run, given, number: ref.number)
        }
        let number = try await issueNumber(for: ref, operation: run.operation)
        let item = WorkItemKey(repository: context.repository, number: number, kind: ref.kind.rawValue)
        let state = try await StateSnapshot.reading(context.state) { try await FlowState.read(item, from: $0) }
        let authorization = try await authorize(run, item: item, state: state, given: given)
        guard authorization.authorized else { return try await denied(run, authorization, number: number) }
        let action = FlowDecision.decide(
            run, state: state, pipeline: context.configuration.pipeline,
            maxReviseRounds: context.configuration.maxReviseRounds)
        var report = try await act(action, run: run, item: item, state: state)
        report.authorization = authorization
        report.action = action
        return report
    }

    /// A refused sender: one reply to a person who used an owner command (never to a bot, never when the forge
    /// could not be asked or rejected the token), and nothing else.
    private func denied(_ run: TriggerRun, _ authorization: AuthorizationOutcome, number: Int) async throws
        -> JobReport
    {
        if let actor = run.actor, actor.type != .bot, !isSelf(actor.login), !authorization.retryable,
            !authorization.tokenRejected, isOwnerCommand(run), try await isPipelineItem(number)
        {
            try await replyOnce(
                on: number, actor: actor.login,
                reason: "Conveyor commands need write, maintain or admin permission on this repository, and your "
                    + "account has less. Nothing was changed.")
        }
        return JobReport(outcome: .denied, message: authorization.reason, authorization: authorization)
    }

    /// True when the run may be a stage Conveyor dispatched itself, which only state can authorize.
    private func isChainCandidate(_ run: TriggerRun) -> Bool {
        guard case .stage = run.operation, run.source == .inputs, let actor = run.actor else { return false }
        return isSelf(actor.login)
    }

    /// The sender's authorization: a chained dispatch by state (``SenderAuthorization/checkChained(_:state:selfLogins:)``),
    /// else the one given, else the forge's permission of the sender (recording a denial).
    private func authorize(
        _ run: TriggerRun, item: WorkItemKey, state: FlowState, given: AuthorizationOutcome?
    ) async throws -> AuthorizationOutcome {
        if let chained = SenderAuthorization.checkChained(run, state: state, selfLogins: context.selfLogins) {
            return chained
        }
        if let given { return given }
        let outcome = await SenderAuthorization.check(
            run, permissions: context.forge, selfLogins: context.selfLogins)
        if !outcome.authorized && !outcome.tokenRejected {
            let correlation = context.actionsRun ?? event.key
            _ = try await context.store(runID: correlation).apply(
                [
                    .recordDenial(
                        DenialRecord(
                            idempotencyKey: "denial:\(event.key):\(item):\(run.operation.name)",
                            correlationID: correlation, workItem: item, actor: run.actor?.login ?? "unknown",
                            reason: outcome.reason, at: context.now()))
                ], message: "Denied \(run.actor?.login ?? "unknown") on \(item)")
        }
        return outcome
    }

    /// The issue a work item reference stands for: itself, or for a pull request on a Conveyor work branch
    /// (`conveyor/<N>-…`), issue N. A doc audit stays on its pull request.
    func issueNumber(for ref: WorkItemRef, operation: TriggerOperation? = nil) async throws -> Int {
        guard ref.kind == .pullRequest, operation != .stage(.docAudit) else { return ref.number }
        let pull = try await context.forge.pullRequest(ref.number)
        return WorkBranchName.issueNumber(ofBranch: pull.head) ?? ref.number
    }

    /// True when state knows issue `number` as a pipeline work item (a stage ran on it, or it was aborted). Replies
    /// go only there: the same commands on other issues (a release-train issue's `/approve` and `/version`, ADR 0013)
    /// are someone else's, and get no answer from the pipeline.
    func isPipelineItem(_ number: Int) async throws -> Bool {
        let item = WorkItemKey(repository: context.repository, number: number)
        let state = try await StateSnapshot.reading(context.state) { try await FlowState.read(item, from: $0) }
        return state.current != nil || state.aborted
    }

    func isSelf(_ login: String) -> Bool {
        SenderAuthorization.isSelf(login, selfLogins: context.selfLogins)
    }

    private func isOwnerCommand(_ run: TriggerRun) -> Bool {
        switch run.source {
        case .command, .label, .review: true
        case .pullRequest, .inputs, .schedule: false
        }
    }
}

/// How a job ended.
public struct JobReport: Sendable {
    /// What kind of end.
    public enum Outcome: String, Sendable, Equatable {
        /// The event asks for nothing.
        case skipped
        /// The sender may not ask for it.
        case denied
        /// The owner's request cannot be carried out in the item's state; one reply said why.
        case refused
        /// The job did what the decision table said.
        case acted
    }

    /// What kind of end.
    public var outcome: Outcome
    /// One sentence for the log.
    public var message: String
    /// The sender's authorization, when a run was asked for.
    public var authorization: AuthorizationOutcome?
    /// The action taken, when the sender was authorized.
    public var action: FlowAction?
    /// The stage run's result, when a stage ran.
    public var stage: StageJobResult?
    /// The stages dispatched to start next.
    public var dispatched: [StageName] = []

    /// Creates a report.
    public init(
        outcome: Outcome, message: String, authorization: AuthorizationOutcome? = nil, stage: StageJobResult? = nil,
        dispatched: [StageName] = []
    ) {
        self.outcome = outcome
        self.message = message
        self.authorization = authorization
        self.stage = stage
        self.dispatched = dispatched
    }
}

/// The issue number in a work branch name.
enum WorkBranchName {
    /// `12` for `conveyor/12-add-login`; nil for any other branch.
    static func issueNumber(ofBranch branch: String) -> Int? {
        guard branch.hasPrefix("conveyor/") else { return nil }
        return Int(branch.dropFirst("conveyor/".count).prefix { $0.isNumber })
    }
}
