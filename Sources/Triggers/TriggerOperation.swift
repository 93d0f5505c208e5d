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
    /// Audit the documentation of a pull request (a `pull_request` event, or the doc-audit label on a pull
    /// request): deterministic checks, then the auditor agent where the pull request is trusted.
    case docAudit(PullRequestAudit)

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
        case .docAudit: StageName.docAudit.rawValue
        }
    }

    public var description: String {
        switch self {
        case .stage(let stage): "stage \(stage)"
        case .rethink(let stage): "rethink to \(stage)"
        case .choose(let option): "choose \(option)"
        case .docAudit(let audit): "doc audit" + (audit.headSHA.map { " of \($0.prefix(12))" } ?? "")
        default: name
        }
    }
}

/// What a pull request event says about the head to audit. The payload is only a hint: the job asks the forge for
/// the pull request's current head, and an audit of an older head never replaces the result for a newer one.
public struct PullRequestAudit: Sendable, Hashable {
    /// The head commit the event is about (`pull_request.head.sha`); nil when the payload does not carry it.
    public let headSHA: String?

    /// Creates a request.
    public init(headSHA: String?) {
        self.headSHA = headSHA
    }
}
