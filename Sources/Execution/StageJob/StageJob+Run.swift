import Agents
import Foundation
import Gates
import Pipeline
import StateBranch

extension StageJob {
    /// How long the record of a cancelled run may take to publish: SIGTERM leaves an Actions job about 7.5 s
    /// before SIGKILL, and ending the agent's process group takes up to two of them.
    static let cancelRecordDeadline: Duration = .seconds(4)

    /// How long a re-dispatched job waits for the run that dispatched it to free the stage's lease: that run's job
    /// records its end right after the dispatch, within the state deadline (ten minutes at most, seconds as a rule).
    static let predecessorWait: Duration = .seconds(600)

    /// The claim: the work item, the run (started `now`) and the stage's lease, in one state commit.
    private func claimWork(at now: Date) async throws -> StateCommitResult {
        try await environment.state.apply(
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
    }

    /// Claims again, with a growing pause (2 s doubling to 15 s), until the run that re-dispatched this job has freed
    /// the lease or ``predecessorWait`` has passed; returns the last claim and when it was made. A claim that
    /// meets the lease changes nothing on the branch, so waiting costs a state fetch per try and no commit.
    private func awaitPredecessor(_ held: LeaseHolder) async throws -> (StateCommitResult, Date) {
        let stage = request.stage.name.rawValue
        await environment.log?.announce(
            step: "claim",
            result: "waiting up to \(Int(Self.predecessorWait.components.seconds / 60)) minutes for run \(held.runID), "
                + "which re-dispatched this job, to end and free \(stage) on #\(request.workItem.number)")
        let clock = ContinuousClock()
        let deadline = clock.now + Self.predecessorWait
        var pause: Duration = .seconds(2)
        while true {
            try await Task.sleep(for: min(pause, max(deadline - clock.now, .zero)))
            pause = min(pause * 2, .seconds(15))
            let now = Date()
            let claim = try await claimWork(at: now)
            guard let still = claim.heldLease, still.runID == held.runID, clock.now < deadline else {
                if claim.heldLease == nil {
                    await environment.log?.announce(step: "claim", result: "run \(held.runID) ended; \(stage) claimed")
                }
                return (claim, now)
            }
        }
    }

    /// Claims the work, runs the stage and records how it ended, in two state commits on the success path: the
    /// claim (work item, run, lease) and the final record (every checkpoint and the run's end, which frees the
    /// lease).
    ///
    /// - Returns: ``StageJobResult/Outcome/alreadyHandled`` when another run already handled the triggering
    ///   event (``handledElsewhere()``), ``StageJobResult/Outcome/duplicate`` when another live job holds the lease
    ///   (a job the supervisor re-dispatched first waits for the run that dispatched it, ``predecessorWait``),
    ///   ``StageJobResult/Outcome/alreadyDone`` when this run already finished (a rerun of the same job).
    /// - Throws: ``PreflightFailure`` before anything is claimed when the token or the agent lacks something;
    ///   otherwise whatever stopped the stage; the run is then recorded as failed, and the lease freed. When the
    ///   calling task is cancelled (a SIGTERM or SIGINT, see ``TerminationSignals``), the agent's process group is
    ///   ended, the run is recorded as `cancelled` (freeing the lease) within ``cancelRecordDeadline``, and
    ///   ``StageJobCancelled`` is thrown. When the final record cannot be pushed, its ``StateBranchError`` (naming
    ///   the pending file) is thrown and the run is not recorded as failed: what it published stands.
    public func run() async throws -> StageJobResult {
        // Both only read the forge (and state), so they run at once; a handled event still returns first.
        async let handledRead = handledElsewhere()
        async let checked = preflight()
        if let handled = try await handledRead { return handled }
        if let nothing = try await nothingToResume() { return nothing }
        let repository = try await checked
        await environment.log?.record(step: "preflight", result: "done")
        if let refused = try await budgetRefusal() { return refused }  // StageJob+Budget
        var now = Date()
        var claim = try await claimWork(at: now)
        if let held = claim.heldLease, held.runID == request.predecessorRunID {
            (claim, now) = try await awaitPredecessor(held)
        }
        await environment.log?.record(step: "claim", result: claim.heldLease == nil ? "claimed" : "held")
        if let held = claim.heldLease {
            return StageJobResult(
                outcome: .duplicate, stage: request.stage.name.rawValue,
                message: "Another job (\(held.holder), run \(held.runID)) holds \(request.stage.name.rawValue) on "
                    + "\(request.workItem) until \(held.expiresAt); nothing was done. If that job is gone, free the "
                    + "lease with `conveyor state release --work-item \(request.workItem.number) --stage "
                    + "\(request.stage.name.rawValue) --holder \(held.holder)` and run this job again.")
        }
        if claim.outcomes.last == .alreadyRecorded {
            return StageJobResult(
                outcome: .alreadyDone, stage: request.stage.name.rawValue,
                message: "Run \(request.runID) already finished; nothing was repeated. "
                    + "Use --mode rerun to run the stage again.")
        }
        let result: StageJobResult
        do {
            try Task.checkCancellation()
            result = try await supervisedExecute(startedAt: now, repository: repository)
        } catch {
            if Task.isCancelled || error is CancellationError || AgentError.Code.cancelled ~= error {
                try? await record(
                    .cancelled, outcome: "cancelled", itemState: "cancelled", within: Self.cancelRecordDeadline)
                throw StageJobCancelled(runID: request.runID)
            }
            try? await record(.failed, outcome: "\(error)", itemState: "failed")
            throw error
        }
        let stopped = result.outcome == .budgetExceeded  // the agent was stopped at its spend ceiling
        try await record(
            result.verdict == "fail" || stopped ? .failed : .succeeded,
            outcome: stopped ? result.outcome.rawValue : result.verdict, itemState: Self.itemState(after: result))
        return result
    }

    /// Where the work item stands after a run that completed, in the words of its status labels (`state:*`,
    /// `need:input`), for `work_items.stage_state` and `conveyor report`.
    static func itemState(after result: StageJobResult) -> String {
        if result.outcome == .budgetExceeded { return "stopped" }
        if result.waitingForCI { return "waiting-for-ci" }
        switch GateResult(rawValue: result.verdict) {
        case .pass: return "in-review"
        case .needsInput: return "needs-input"
        case .fail, nil: return "blocked"
        }
    }

    /// Commits every gathered checkpoint with the run's end (which frees its lease) and where the work item now
    /// stands (`itemState`) in one state commit.
    ///
    /// Runs in a task of its own, so the record of a cancelled job is still published; `within` bounds its
    /// retries (the store's deadline when nil).
    private func record(
        _ status: RunStatus, outcome: String, itemState: String, within deadline: Duration? = nil
    ) async throws {
        await journal.add(
            .upsertWorkItem(
                WorkItemUpdate(
                    workItem: request.workItem, title: "", currentStage: request.stage.name.rawValue,
                    stageState: itemState, at: Date())),
            note: "item \(itemState)")
        let finish = StateChange.finishRun(
            RunFinish(runID: request.runID, status: status, outcome: outcome, at: Date()))
        let note = status == .failed || status == .cancelled ? "finish \(status)" : "finish \(status) (\(outcome))"
        let (journal, state, runID) = (journal, environment.state, request.runID)
        try await Task {
            try await journal.flush(to: state, runID: runID, adding: (finish, note), within: deadline)
        }.value
    }

    /// Records that `step` reached `state` (`started` or `done`), with what it produced, for the run's final
    /// commit. Nothing is committed here: every side effect is idempotent by lookup (see ``StageJob``), so a
    /// resume after a crash finds what a lost `started` or `done` checkpoint would have told it.
    func checkpoint(_ step: String, _ state: String, ref: String? = nil) async throws {
        await environment.log?.record(
            step: step, result: state, tool: step == "agent" ? environment.agent.rawValue : nil)
        await journal.add(
            .checkpoint(
                CheckpointRecord(
                    idempotencyKey: "\(request.runID):\(step)", runID: request.runID, step: step, state: state,
                    externalRef: ref, at: Date())),
            note: "\(step) \(state)")
    }
}

/// A stage job stopped by cancellation (SIGTERM or SIGINT): the agent's process group was ended and the run
/// recorded as `cancelled`, which freed its lease.
public struct StageJobCancelled: Error, CustomStringConvertible {
    /// The run that was cancelled.
    public let runID: String

    public var description: String {
        "Run \(runID) was cancelled: the agent's processes were ended, the run was recorded as cancelled and its "
            + "lease freed. Re-run the job (`--mode resume`) to finish the stage."
    }
}
