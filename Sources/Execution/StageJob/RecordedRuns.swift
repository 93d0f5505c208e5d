import StateBranch

/// The runs the state branch records, fetched once in the background right after the claim, so the fetch (a
/// round trip to the forge) overlaps the agent's work instead of delaying the status comment at the end.
///
/// What it returns is the state as of just after the claim: enough for the status comment's other stages, which
/// no concurrent job can move (the lease on this stage is ours, and other stages' runs of this work item are
/// recorded by their own, earlier, jobs).
actor RecordedRuns {
    private var fetch: Task<[RunSummary], any Error>?

    /// Starts the fetch unless it has started.
    func start(_ location: StateLocation) {
        guard fetch == nil else { return }
        fetch = Task { try await StateSnapshot.reading(location) { try await $0.database.runs(limit: 10_000) } }
    }

    /// The fetched runs, starting the fetch now if ``start(_:)`` was not called.
    func value(_ location: StateLocation) async throws -> [RunSummary] {
        start(location)
        guard let fetch else { return [] }
        return try await fetch.value
    }
}
