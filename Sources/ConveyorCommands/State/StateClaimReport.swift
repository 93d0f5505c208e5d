import Foundation
import Git
import StateBranch

/// The changes `state claim` applies, derived from its flags and the environment.
struct ClaimRequest {
    let workItem: WorkItemKey
    let stage: String
    let holder: String
    let runID: String
    let changes: [StateChange]

    init(command: Application.State.Claim, context: StateContext, now: Date) {
        workItem = WorkItemKey(repository: context.repository(command.item.repository), number: command.item.number)
        stage = command.item.stage
        holder = command.holder ?? context.defaultHolder
        runID = command.runID ?? context.defaultRunID(stage: stage, number: workItem.number)
        changes = [
            .startRun(RunStart(runID: runID, workItem: workItem, stage: stage, mode: command.mode, at: now)),
            .claimLease(
                LeaseClaim(
                    workItem: workItem, stage: stage, holder: holder, runID: runID, ttlSeconds: command.ttl, now: now)),
        ]
    }

    /// The commit message, naming the run.
    var message: String { "state: claim \(stage) on \(workItem) (run \(runID), holder \(holder))" }
}

/// What `state claim` prints.
struct ClaimReport: Encodable {
    /// `acquired`, `taken_over` or `duplicate`.
    let result: String
    let workItem: WorkItemKey
    let stage: String
    let holder: String
    let runID: String
    let expiresAt: Date?
    let previous: LeaseHolder?
    let heldBy: LeaseHolder?
    let commit: String?

    init(request: ClaimRequest, result commitResult: StateCommitResult) {
        workItem = request.workItem
        stage = request.stage
        holder = request.holder
        runID = request.runID
        commit = commitResult.commit?.description
        switch commitResult.outcomes.last {
        case .leaseTakenOver(let previous, let expiresAt):
            (result, self.expiresAt, self.previous, heldBy) = ("taken_over", expiresAt, previous, nil)
        case .leaseHeld(let holder):
            (result, expiresAt, previous, heldBy) = ("duplicate", nil, nil, holder)
        case .leaseAcquired(let expiresAt):
            (result, self.expiresAt, previous, heldBy) = ("acquired", expiresAt, nil, nil)
        default:
            (result, expiresAt, previous, heldBy) = ("finished", nil, nil, nil)
        }
    }

    /// The note for standard error when this job must stop as a duplicate; nil when it holds the lease.
    var duplicateNote: String? {
        if let heldBy {
            return """
                duplicate: \(workItem) \(stage) is held by \(heldBy.holder) (run \(heldBy.runID)) until \
                \(StateOutput.time(heldBy.expiresAt)); this job does nothing.
                """
        }
        guard result == "finished" else { return nil }
        return "duplicate: run \(runID) has already finished, so it cannot hold the lease; this job does nothing."
    }

    var text: String {
        switch result {
        case "duplicate", "finished": duplicateNote ?? result
        default:
            """
            \(result == "taken_over" ? "took over" : "acquired") the lease on \(workItem) \(stage) for run \
            \(runID) (holder \(holder)) until \(expiresAt.map(StateOutput.time) ?? "-")\
            \(previous.map { " from expired \($0.holder) (run \($0.runID))" } ?? "")
            """
        }
    }
}
