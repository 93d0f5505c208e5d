import Forge
import Foundation
import Pipeline
import StateBranch
import Triggers

extension Job {
    /// Carries out `action` for an authorized `run` on `item`.
    func act(_ action: FlowAction, run: TriggerRun, item: WorkItemKey, state: FlowState) async throws -> JobReport {
        let actor = run.actor?.login ?? "unknown"
        let number = item.number
        switch action {
        case .refuse(let reason):
            // Only on a pipeline work item: the same words on another issue (a release train's) are not ours.
            if let login = run.actor?.login, run.actor?.type != .bot, !isSelf(login),
                state.current != nil || state.aborted
            {
                try await replyOnce(on: number, actor: login, reason: reason)
            }
            return JobReport(outcome: .refused, message: reason)

        case .runStage(let stage, let mode, let approving):
            if let approving {
                try await approve(approving, item: item, by: actor, via: run.source.description)
            }
            let label = context.labels.name(for: .run(stage, .run))
            // A resume the supervisor dispatched may start before the run that dispatched it has freed the lease.
            let predecessor =
                mode == .resume
                ? state.pendingDispatches.last { $0.stage == stage }.flatMap {
                    RedispatchKey.dispatchingRun(ofEvent: $0.event)
                } : nil
            let result = try await runStage(
                stage, mode: mode, item: item, actor: actor, trigger: run.source.description,
                triggerLabel: triggerLabel(of: run) ?? (run.source == .inputs ? label : nil), requestedAgent: run.agent,
                predecessorRunID: predecessor)
            return try await finished(result, stage: stage, item: item)

        case .approve(let stage, let next):
            try await approve(stage, item: item, by: actor, via: run.source.description)
            guard let next else {
                try await finishItem(item, lastStage: stage, by: actor)
                return JobReport(outcome: .acted, message: "Approved \(stage); the pipeline is done for #\(number).")
            }
            try await dispatch(next, after: stage, item: item, approvedBy: actor)
            return JobReport(
                outcome: .acted, message: "Approved \(stage) (by \(actor)); dispatched \(next).", dispatched: [next])

        case .revise(let stage, let round):
            let findings = try await ownerText(run, stage: stage, state: state)
            try await record(
                .reviseRequested, item: item, actor: actor, key: "revise:\(event.key)",
                ["stage": stage.rawValue, "round": String(round), "findings": findings])
            let rounds =
                (state.rounds[stage] ?? []) + [
                    FlowState.OwnerRound(kind: "revise", author: actor, text: findings, at: context.now())
                ]
            let result = try await runStage(
                stage, mode: .revise, item: item, actor: actor, trigger: run.source.description,
                triggerLabel: triggerLabel(of: run), ownerRounds: rounds)
            return try await finished(result, stage: stage, item: item)

        case .answer(let stage):
            let answer = try await ownerText(run, stage: stage, state: state)
            try await record(
                .answered, item: item, actor: actor, key: "answer:\(event.key)",
                ["stage": stage.rawValue, "answer": answer])
            let rounds =
                (state.rounds[stage] ?? []) + [
                    FlowState.OwnerRound(kind: "answer", author: actor, text: answer, at: context.now())
                ]
            let result = try await runStage(
                stage, mode: .revise, item: item, actor: actor, trigger: run.source.description,
                triggerLabel: triggerLabel(of: run), ownerRounds: rounds)
            return try await finished(result, stage: stage, item: item)

        case .reviseLimit(let stage, let rounds):
            try await record(
                .reviseLimitReached, item: item, actor: actor, key: "revise-limit:\(event.key)",
                ["stage": stage.rawValue, "rounds": String(rounds)])
            if let label = triggerLabel(of: run) { try await context.forge.removeLabel(label, fromIssue: number) }
            if let pm = context.labels.name(for: .need(.pm)) {
                _ = try await context.forge.addLabels([pm], toIssue: number)
            }
            let message =
                "`\(stage)` has had \(rounds) revise rounds, the most `max_revise_rounds` allows; a person needs "
                + "to decide how to go on (approve it, `/rethink` an earlier stage, or `/abort`)."
            try await replyOnce(on: number, actor: actor, reason: message)
            return JobReport(outcome: .refused, message: message)

        case .rethink(let from, let to):
            try await supersede(from: to, through: from, item: item)
            try await record(
                .rethink, item: item, actor: actor, key: "rethink:\(event.key)",
                ["from": from.rawValue, "to": to.rawValue, "event": event.key])
            let result = try await runStage(
                to, mode: .run, item: item, actor: actor, trigger: run.source.description,
                triggerLabel: triggerLabel(of: run), ownerRounds: state.rounds[to] ?? [])
            return try await finished(result, stage: to, item: item)

        case .abort:
            try await abort(item, by: actor, state: state, run: run)
            return JobReport(outcome: .acted, message: "Aborted #\(number) (by \(actor)).")
        }
    }

    /// After a stage run: chains to the next stage when the stage needs no approval and passed.
    private func finished(_ result: StageJobResult, stage: StageName, item: WorkItemKey) async throws -> JobReport {
        var report = JobReport(outcome: .acted, message: result.message, stage: result)
        guard result.outcome == .completed, result.verdict == "pass",
            let definition = context.configuration.pipeline[stage], !definition.requiresApproval
        else { return report }
        try await approve(stage, item: item, by: "conveyor", via: "requires_approval: false")
        if let next = definition.next {
            try await dispatch(next, after: stage, item: item, approvedBy: "conveyor")
            report.dispatched = [next]
            report.message += "; \(stage) needs no approval, dispatched \(next)"
        } else {
            try await finishItem(item, lastStage: stage, by: "conveyor")
        }
        return report
    }

    /// The label the event added, when a label started the run.
    func triggerLabel(of run: TriggerRun) -> String? {
        if case .label(let name) = run.source { return name }
        return nil
    }

    /// The owner's text for a revise or answer: the command's own text, `Option n.` for `/choose n`, else (a
    /// label) the newest comment a person wrote on the item that is not a command and not already a recorded
    /// round of this stage, in full.
    private func ownerText(_ run: TriggerRun, stage: StageName, state: FlowState) async throws -> String {
        switch run.operation {
        case .revise(let text), .answer(let text): return text
        case .choose(let option): return "Option \(option)."
        default: break
        }
        let recorded = Set((state.rounds[stage] ?? []).map(\.text))
        let comments = try await context.forge.comments(onIssue: try await issue(run))
        let newest = comments.last {
            !isSelf($0.author.login) && $0.author.kind != .bot && !$0.body.contains("<!-- conveyor:")
                && !$0.body.trimmingCharacters(in: .whitespaces).hasPrefix("/") && !recorded.contains($0.body)
        }
        return newest?.body ?? "(The owner added the revise label without a comment.)"
    }

    private func issue(_ run: TriggerRun) async throws -> Int {
        guard let ref = run.workItem else { return 0 }
        return try await issueNumber(for: ref)
    }
}
