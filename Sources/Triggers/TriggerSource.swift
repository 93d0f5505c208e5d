/// What in the event asked for the run.
public enum TriggerSource: Sendable, Hashable, CustomStringConvertible {
    /// A label was added, e.g. `run:intake`.
    case label(String)
    /// A comment command, e.g. `/approve`.
    case command(String)
    /// A pull request event with this action, e.g. `opened`.
    case pullRequest(action: String)
    /// `workflow_dispatch` or `workflow_call` inputs.
    case inputs
    /// A pull request review with this state, e.g. `approved`.
    case review(state: String)
    /// The schedule.
    case schedule

    public var description: String {
        switch self {
        case .label(let name): "label \(name)"
        case .command(let command): "command \(command)"
        case .pullRequest(let action): "pull request \(action)"
        case .inputs: "workflow inputs"
        case .review(let state): "pull request review \(state)"
        case .schedule: "schedule"
        }
    }
}
