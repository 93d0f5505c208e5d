import Agents
import Foundation
import Git
import Pipeline
import StateBranch

/// Where a `resume` run picks up: the interrupted run, and the commit it had pushed, if it got that far.
struct ResumePoint: Sendable {
    /// The stage's latest run on the work item that did not succeed.
    let run: RunSummary
    /// The work branch commit that run's `push` step recorded as done; nil when it never pushed.
    let pushedCommit: String?
}

extension StageJob {
    /// For a `resume` run: nil when there is a run to continue (the stage's latest run on the work item failed,
    /// was cancelled, expired, or never finished), else the result saying there is nothing to resume.
    func nothingToResume() async throws -> StageJobResult? {
        guard request.mode == .resume else { return nil }
        let item = request.workItem
        let stage = request.stage.name.rawValue
        guard let latest = try await latestRun() else {
            return StageJobResult(
                outcome: .alreadyDone, stage: stage,
                message: "Nothing to resume: \(stage) has not run on #\(item.number) yet. Nothing was done; use "
                    + "mode run to start it.")
        }
        guard latest.status == .succeeded else {
            await environment.log?.record(step: "resume", result: "\(latest.runID) \(latest.status)")
            return nil
        }
        return StageJobResult(
            outcome: .alreadyDone, stage: stage,
            message: "Nothing to resume: the latest run of \(stage) on #\(item.number) (\(latest.runID)) succeeded. "
                + "Nothing was done; use mode rerun to run the stage again as a new round.")
    }

    /// The run a `resume` continues and how far it got; nil for other modes or when there is none to continue.
    func resumePoint() async throws -> ResumePoint? {
        guard request.mode == .resume, let latest = try await latestRun(), latest.status != .succeeded else {
            return nil
        }
        let pushed = try await StateSnapshot.reading(environment.state.location) {
            try await $0.database.doneReference(of: "push", inRun: latest.runID)
        }
        return ResumePoint(run: latest, pushedCommit: pushed)
    }

    /// The agent's part of a `resume`, when the interrupted run already pushed the agent's work and the work branch
    /// still ends at that commit: the agent is not run again (its work is in the checkout), and the run goes on from
    /// the gate. Nil when the agent must run: any other mode, or a run that stopped before its push.
    ///
    /// Every later step is found before it is made (nothing is pushed when the tree did not change, the pull request
    /// is found by its head, the status comment by its marker, labels are set as sets), so what the interrupted run
    /// finished is kept and nothing it did is done twice (ADR 0008, ADR 0015).
    func resumedAgentWork(in workspace: Workspace) async throws -> AgentOutcome? {
        guard let point = try await resumePoint(), let pushed = point.pushedCommit,
            workspace.startCommit.description == pushed
        else { return nil }
        try await checkpoint("agent", "resumed", ref: point.run.runID)
        let directory = (environment.transcripts ?? environment.scratch)
            .appendingPathComponent("agent-\(request.stage.name.rawValue)")
        return AgentOutcome(
            status: .succeeded, exit: nil, report: nil, transcript: AgentTranscript(directory: directory))
    }

    /// The stage's newest run on the work item other than this one, passing over runs that did nothing
    /// (`skipped`, `duplicate`).
    private func latestRun() async throws -> RunSummary? {
        let item = request.workItem
        let stage = request.stage.name.rawValue
        let runs = try await StateSnapshot.reading(environment.state.location) {
            try await $0.database.runs(limit: 10_000)
        }
        return runs.first {
            $0.workItem.repository == item.repository && $0.workItem.number == item.number && $0.stage == stage
                && $0.runID != request.runID && $0.status != .skipped && $0.status != .duplicate
        }
    }
}
