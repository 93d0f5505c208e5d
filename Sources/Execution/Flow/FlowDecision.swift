import Pipeline
import Triggers

/// What a job does about an authorized run, decided from the run and the item's ``FlowState`` alone.
public enum FlowAction: Sendable, Equatable, CustomStringConvertible {
    /// Run `stage` in `mode` in this job; when `approving` is set, that stage (in review) is approved first — the
    /// owner added the next stage's label.
    case runStage(StageName, RunMode, approving: StageName?)
    /// Approve `stage` (in review) and dispatch `next`, or finish the item when there is no next stage.
    case approve(StageName, next: StageName?)
    /// Run `stage` again on its branch with the owner's findings (round `round`, from 1).
    case revise(StageName, round: Int)
    /// Run `stage` again with the owner's answers to its open questions.
    case answer(StageName)
    /// Supersede the documents from `to` up to `from` and run `to` again.
    case rethink(from: StageName, to: StageName)
    /// Close the pull request, abandon the documents, clear the labels, free the lease.
    case abort
    /// `stage` has used its revise rounds: ask a person (`need:pm`) and change nothing else.
    case reviseLimit(StageName, rounds: Int)
    /// Refuse with one short reply; nothing changes.
    case refuse(String)

    public var description: String {
        switch self {
        case .runStage(let stage, let mode, let approving):
            "run \(stage) (\(mode))" + (approving.map { " approving \($0)" } ?? "")
        case .approve(let stage, let next): "approve \(stage)" + (next.map { ", dispatch \($0)" } ?? ", finish")
        case .revise(let stage, let round): "revise \(stage) round \(round)"
        case .answer(let stage): "answer \(stage)"
        case .rethink(let from, let to): "rethink \(from) back to \(to)"
        case .abort: "abort"
        case .reviseLimit(let stage, let rounds): "revise limit of \(stage) (\(rounds) rounds)"
        case .refuse(let reason): "refuse: \(reason)"
        }
    }
}

/// The event × state → action table (ADR 0012), as one pure function tested case by case.
public enum FlowDecision {
    /// The action for `run` on an item in `state`.
    ///
    /// - Parameter maxReviseRounds: revise rounds a stage may have since the last rethink.
    public static func decide(
        _ run: TriggerRun, state: FlowState, pipeline: Pipeline, maxReviseRounds: Int
    ) -> FlowAction {
        if state.aborted {
            return .refuse("This item was aborted; nothing more runs on it. Open a new issue to start again.")
        }
        let current = state.current
        switch run.operation {
        case .stage(let stage):
            if run.mode == .revise {
                return reviseByLabel(stage, state: state, maxReviseRounds: maxReviseRounds)
            }
            if let current, state.status == .inReview, pipeline[current]?.next == stage {
                return .runStage(stage, run.mode, approving: current)
            }
            return .runStage(stage, run.mode, approving: nil)
        case .approve:
            guard let current else { return .refuse("Nothing to approve: no stage has run on this item yet.") }
            switch state.status {
            case .inReview: return .approve(current, next: pipeline[current]?.next)
            case .approved: return .refuse("`\(current)` is already approved.")
            case .needsInput:
                return .refuse("`\(current)` is waiting for answers to its open questions; answer them first.")
            case .running: return .refuse("`\(current)` is still running; approve it once it is in review.")
            case .waitingForCI:
                return .refuse(
                    "`\(current)` waits for CI on its pushed head; `conveyor tick` moves it to review when CI is "
                        + "green. Approve it then.")
            case .failed, .notStarted:
                return .refuse("`\(current)` did not pass its gate, so there is nothing to approve.")
            }
        case .revise:
            guard let current else { return .refuse("Nothing to revise: no stage has run on this item yet.") }
            return revise(current, state: state, maxReviseRounds: maxReviseRounds)
        case .choose, .answer:
            guard let current, state.status == .needsInput else {
                return .refuse("No stage is waiting for answers on this item.")
            }
            return .answer(current)
        case .rethink(let target):
            guard let current else { return .refuse("Nothing to rethink: no stage has run on this item yet.") }
            let order = pipeline.stages.map(\.name)
            guard let from = order.firstIndex(of: current), let to = order.firstIndex(of: target), to <= from else {
                return .refuse("`/rethink \(target)` must name `\(current)` or a stage before it.")
            }
            if state.status == .running { return .refuse("`\(current)` is still running; rethink once it ended.") }
            return .rethink(from: current, to: target)
        case .abort:
            return .abort
        case .tick:
            return .refuse("The heartbeat is `conveyor tick`'s work, not `conveyor run`'s.")
        case .docAudit:
            return .refuse("A pull request's doc audit runs as its own job, not as a pipeline step.")
        }
    }

    private static func reviseByLabel(_ stage: StageName, state: FlowState, maxReviseRounds: Int) -> FlowAction {
        guard state.current == stage else {
            let place = state.current.map { "the item is in `\($0)`" } ?? "no stage has run yet"
            return .refuse("`\(stage)` cannot be revised: \(place).")
        }
        if state.status == .needsInput { return .answer(stage) }
        return revise(stage, state: state, maxReviseRounds: maxReviseRounds)
    }

    private static func revise(_ stage: StageName, state: FlowState, maxReviseRounds: Int) -> FlowAction {
        switch state.status {
        case .inReview, .failed, .needsInput, .waitingForCI:
            let used = state.reviseCount[stage] ?? 0
            if used >= maxReviseRounds { return .reviseLimit(stage, rounds: used) }
            return .revise(stage, round: used + 1)
        case .running: return .refuse("`\(stage)` is still running; ask for changes once it is in review.")
        case .approved: return .refuse("`\(stage)` is already approved; use `/rethink \(stage)` to reopen it.")
        case .notStarted: return .refuse("Nothing to revise yet.")
        }
    }
}
