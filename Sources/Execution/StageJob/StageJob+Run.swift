import Agents
import Foundation
import Pipeline
import StateBranch

extension StageJob {
    /// Claims the work, runs the stage and records how it ended.
    ///
    /// - Returns: ``StageJobResult/Outcome/alreadyHandled`` when another run already handled the triggering
    ///   event (``handledElsewhere()``), ``StageJobResult/Outcome/duplicate`` when another live job holds the lease,
    ///   ``StageJobResult/Outcome/alreadyDone`` when this run already finished (a rerun of the same job).
    /// - Throws: ``PreflightFailure`` before anything is claimed when the token or the agent lacks something;
    ///   otherwise whatever stopped the stage; the run is then recorded as failed, and the lease freed.
    public func run() async throws -> StageJobResult {
        if let handled = try await handledElsewhere() { return handled }
        try await preflight()
        let now = Date()
        let claim = try await environment.state.apply(
            [
                .upsertWorkItem(
                    WorkItemUpdate(
                        workItem: request.workItem, title: "", currentStage: request.stage.name.rawValue,
                        stageState: "running", at: now)),
                .startRun(
                    RunStart(
                        runID: request.runID, workItem: request.workItem, stage: request.stage.name.rawValue,
                        mode: request.mode.rawValue, actor: request.actor, trigger: request.trigger, at: now)),
                .claimLease(
                    LeaseClaim(
                        workItem: request.workItem, stage: request.stage.name.rawValue, holder: request.holder,
                        runID: request.runID, ttlSeconds: request.leaseSeconds, now: now)),
            ], message: "Start \(request.stage.name.rawValue) on \(request.workItem) (\(request.runID))")
        if let held = claim.heldLease {
            return StageJobResult(
                outcome: .duplicate, stage: request.stage.name.rawValue,
                message: "Another job (\(held.holder), run \(held.runID)) holds \(request.stage.name.rawValue) on "
                    + "\(request.workItem) until \(held.expiresAt); nothing was done.")
        }
        if claim.outcomes.last == .alreadyRecorded {
            return StageJobResult(
                outcome: .alreadyDone, stage: request.stage.name.rawValue,
                message: "Run \(request.runID) already finished; nothing was repeated. "
                    + "Use --mode rerun to run the stage again.")
        }
        do {
            let result = try await execute(startedAt: now)
            let status: RunStatus = result.verdict == "fail" ? .failed : .succeeded
            try await journal.flush(
                to: environment.state, runID: request.runID,
                adding: (
                    .finishRun(RunFinish(runID: request.runID, status: status, outcome: result.verdict, at: Date())),
                    "finish \(status.rawValue) (\(result.verdict))"
                ))
            return result
        } catch {
            try? await journal.flush(
                to: environment.state, runID: request.runID,
                adding: (
                    .finishRun(RunFinish(runID: request.runID, status: .failed, outcome: "\(error)", at: Date())),
                    "finish failed"
                ))
            throw error
        }
    }

    /// Records that `step` reached `state` (`started` or `done`), with what it produced. A `started`
    /// checkpoint precedes an external side effect: it is committed to the state branch, with everything
    /// gathered before it, before the effect happens; other checkpoints wait for the next commit.
    func checkpoint(_ step: String, _ state: String, ref: String? = nil) async throws {
        await environment.log?.record(
            step: step, result: state, tool: step == "agent" ? environment.agent.rawValue : nil)
        await journal.add(
            .checkpoint(
                CheckpointRecord(
                    idempotencyKey: "\(request.runID):\(step)", runID: request.runID, step: step, state: state,
                    externalRef: ref, at: Date())),
            note: "\(step) \(state)")
        if state == CheckpointRecord.started && step != "agent" {
            try await journal.flush(to: environment.state, runID: request.runID)
        }
    }
}
