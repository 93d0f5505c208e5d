/// The outcome of resolving an event: a run to perform, or a stated reason to do nothing.
public enum TriggerDecision: Sendable, Hashable {
    /// Perform this run (after authorization).
    case run(TriggerRun)
    /// Do nothing, for this reason.
    case skip(TriggerSkip)

    /// The run, or nil for a skip.
    public var run: TriggerRun? {
        guard case .run(let run) = self else { return nil }
        return run
    }

    /// The skip, or nil for a run.
    public var skip: TriggerSkip? {
        guard case .skip(let skip) = self else { return nil }
        return skip
    }
}
