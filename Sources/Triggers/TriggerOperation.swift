import Pipeline

/// What a run does.
public enum TriggerOperation: Sendable, Hashable, CustomStringConvertible {
    /// Run a stage.
    case stage(StageName)
    /// The owner approves the current stage's output.
    case approve
    /// The owner asks for another round with these instructions (the rest of the `/revise` comment).
    case revise(String)
    /// Move the item back to an earlier stage.
    case rethink(to: StageName)
    /// Close the work.
    case abort
    /// Answer an open question with option `n` (1-based).
    case choose(Int)
    /// Answer the open questions in free text (the rest of the `/answer` comment).
    case answer(String)
    /// Heartbeat: reconcile stuck items and resume pending approvals.
    case tick

    /// The name used in the JSON projection: the stage's name, or the operation's name.
    public var name: String {
        switch self {
        case .stage(let stage): stage.rawValue
        case .approve: "approve"
        case .revise: "revise"
        case .rethink: "rethink"
        case .abort: "abort"
        case .choose: "choose"
        case .answer: "answer"
        case .tick: "tick"
        }
    }

    public var description: String {
        switch self {
        case .stage(let stage): "stage \(stage)"
        case .rethink(let stage): "rethink to \(stage)"
        case .choose(let option): "choose \(option)"
        default: name
        }
    }
}
