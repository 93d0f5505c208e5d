import StateBranch

/// The state changes a stage job has made but not yet committed to the state branch.
///
/// Each state commit is a fetch and a push (about two round trips to the forge), and every job's commits compete
/// for the one state branch, so a run commits only twice: its claim, and at the end this journal with the run's
/// final record. No checkpoint needs to be durable before its side effect, because every effect is idempotent by
/// lookup (pushed only when the tree changed, pull request by head, comment by marker, labels as sets); a crash
/// loses only the journal, and the resumed run rebuilds it by finding what exists (ADR 0008).
actor CheckpointJournal {
    private var pending: [(change: StateChange, note: String)] = []

    /// Adds a change to the next commit.
    func add(_ change: StateChange, note: String) {
        pending.append((change, note))
    }

    /// What the agent sessions waiting in this journal spent: this run's earlier agent runs, not yet in the state
    /// database's `token_usage` (counted as `token_usage` counts them).
    func pendingSpend() -> Spend {
        var spend = Spend()
        for (change, _) in pending {
            guard case .recordAgentSession(let session) = change else { continue }
            spend.usd += session.costUSD ?? 0
            spend.tokens += session.inputTokens + session.cachedTokens + session.outputTokens
        }
        return spend
    }

    /// Commits every pending change, plus `change` when given, in one state commit; does nothing when empty.
    /// `deadline` bounds the store's retries for this commit (its own deadline when nil).
    func flush(
        to store: StateBranchStore, runID: String, adding change: (StateChange, String)? = nil,
        within deadline: Duration? = nil
    ) async throws {
        var batch = pending
        if let change { batch.append(change) }
        guard !batch.isEmpty else { return }
        _ = try await store.apply(
            batch.map(\.change), message: "\(runID): " + batch.map(\.note).joined(separator: ", "), deadline: deadline)
        pending.removeAll()
    }
}
