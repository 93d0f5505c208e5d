/// What a label means to Conveyor.
public enum LabelMeaning: Sendable, Hashable, CustomStringConvertible {
    /// Start `stage` in `mode` (``RunMode/run`` or ``RunMode/revise``).
    case run(StageName, RunMode)
    /// Close the work: PR closed, documents abandoned, run labels removed.
    case abort
    /// Move the item back to an earlier stage (the target comes from a `/rethink <stage>` comment).
    case rethink
    /// A service label Conveyor sets to show where the item stands.
    case state(ServiceState)
    /// A label that says who or what the item is waiting for.
    case need(NeedKind)

    /// True for labels that start a job: `run:*`, `run:abort` and `run:rethink`.
    public var isTrigger: Bool {
        switch self {
        case .run, .abort, .rethink: true
        case .state, .need: false
        }
    }

    public var description: String {
        switch self {
        case .run(let stage, let mode): mode == .run ? "run \(stage)" : "\(mode) \(stage)"
        case .abort: "abort"
        case .rethink: "rethink"
        case .state(let state): "state \(state)"
        case .need(let need): "need \(need)"
        }
    }
}

/// The `state:*` service labels.
public enum ServiceState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Work is blocked on input or approval.
    case blocked
    /// The stage's output awaits the owner's review.
    case inReview = "in-review"
    /// The owner accepted the output.
    case approved
    /// The output was replaced by a newer version.
    case superseded
    /// The work was cancelled.
    case abandoned

    public var description: String { rawValue }
}

/// The `need:*` labels.
public enum NeedKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// An answer or data from the owner.
    case input
    /// A product manager's clarification.
    case pm
    /// An architect's clarification.
    case sa
    /// A QA lead's input.
    case qa
    /// An SRE's input.
    case sre

    public var description: String { rawValue }
}
