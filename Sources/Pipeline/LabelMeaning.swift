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
