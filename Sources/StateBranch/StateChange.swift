/// One logical change to the state database, kept as data so it can be replayed.
///
/// ``StateBranchStore`` applies a batch of changes in one transaction on the branch tip it fetched. When its push
/// loses a race it fetches the new tip and applies the same changes again; a pending-state file holds them as
/// JSON for `conveyor state replay`. Every change is therefore idempotent: keyed by a run ID, an idempotency key
/// or a natural key, so applying it twice leaves one row.
public enum StateChange: Sendable, Equatable {
    /// Records or refreshes a work item.
    case upsertWorkItem(WorkItemUpdate)
    /// Records that a run began.
    case startRun(RunStart)
    /// Records how a run ended and frees its leases.
    case finishRun(RunFinish)
    /// Claims the lease on `(work item, stage)`; when another live holder has it, the whole batch is discarded.
    case claimLease(LeaseClaim)
    /// Frees a lease.
    case releaseLease(LeaseRelease)
    /// Appends to the audit log.
    case appendFlowEvent(FlowEventRecord)
    /// Records a side effect's checkpoint.
    case checkpoint(CheckpointRecord)
    /// Records a refused trigger.
    case recordDenial(DenialRecord)
    /// Records a run's gate verdict and reasons.
    case recordGateResults(GateResultRecord)
    /// Records an agent session and its token usage.
    case recordAgentSession(AgentSessionRecord)
    /// Saves a flow instance's state (the release train, the heartbeat's chores); only a newer revision wins.
    case saveFlow(FlowRecord)
    /// Records a link between two things (e.g. a train and its release work item).
    case recordLink(LinkRecord)
}

extension StateChange {
    /// True for ``claimLease(_:)``: a batch holding one records a job that starts only if the batch lands.
    var isClaim: Bool {
        if case .claimLease = self { return true }
        return false
    }
}
