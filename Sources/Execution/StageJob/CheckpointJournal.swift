import StateBranch

/// The state changes a stage job has made but not yet committed to the state branch.
///
/// Each state commit is a fetch and a push, so checkpoints are gathered here and committed together right before
/// the next external side effect (whose `started` checkpoint is then durable before the effect happens) and with
/// the run's final record. A crash loses at most the `done` checkpoints of effects that are idempotent by lookup.
actor CheckpointJournal {
    private var pending: [(change: StateChange, note: String)] = []

    /// Adds a change to the next commit.
    func add(_ change: StateChange, note: String) {
        pending.append((change, note))
    }

    /// Commits every pending change, plus `change` when given, in one state commit; does nothing when empty.
    func flush(to store: StateBranchStore, runID: String, adding change: (StateChange, String)? = nil) async throws {
        var batch = pending
        if let change { batch.append(change) }
        guard !batch.isEmpty else { return }
        _ = try await store.apply(
            batch.map(\.change), message: "\(runID): " + batch.map(\.note).joined(separator: ", "))
        pending.removeAll()
    }
}
