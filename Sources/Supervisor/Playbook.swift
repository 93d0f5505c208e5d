/// One action of the supervisor's allow-list (research S004-11). Nothing outside this list is ever done
/// automatically: no push to a protected branch, no `run:*` label, no secret touched.
public enum RemediationAction: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Wait (doubling each time) and run the attempt again in the same job.
    case backoffRetry = "backoff_retry"
    /// Start the stage again in a new job (`workflow_dispatch`); the limits carry over through state.
    case redispatch
    /// Run only the failing gate command again, up to `flaky_reruns` times.
    case rerunCommand = "rerun_command"
    /// Run the attempt again in a fresh clone instead of the reused checkout.
    case freshWorkspace = "fresh_workspace"
    /// Run the agent again, once, with verbose logging.
    case verboseResume = "verbose_resume"
    /// Give the agent the gate's reasons and let it revise its work, within the rerun limit.
    case revise
    /// Stop, write an incident report, mark the item `state:blocked` and ask for people (`need:*`).
    case escalate

    public var description: String { rawValue }

    /// True for actions that run something again and so count against `max_auto_reruns`.
    public var isRerun: Bool {
        switch self {
        case .backoffRetry, .redispatch, .rerunCommand, .freshWorkspace, .verboseResume, .revise: true
        case .escalate: false
        }
    }

    /// Why this action fits its class, for the narrative.
    public var rationale: String {
        switch self {
        case .backoffRetry: "infrastructure failures are usually transient, so the attempt runs again after a wait"
        case .redispatch: "the failure outlasted the retries in this job, so a new job should try later"
        case .rerunCommand: "a gate command that fails and then passes on the same tree is flaky, not broken"
        case .freshWorkspace: "an environment failure may come from the reused checkout, so a fresh clone is used"
        case .verboseResume: "the agent failed without a verdict, so it runs once more with verbose logging"
        case .revise: "the gate failed on the agent's work, so the agent gets the reasons verbatim and revises"
        case .escalate: "this is not something the supervisor may fix by itself"
        }
    }
}

/// The allow-list: the one action each class may get before the limits and stop conditions are applied.
public enum Playbook {
    /// The action for `failureClass`; `untriedCommand` is true when a gate command failed and was not rerun yet
    /// (shadow mode), so the proposal is to rerun it.
    public static func action(for failureClass: FailureClass, untriedCommand: Bool = false) -> RemediationAction {
        switch failureClass {
        case .infra: .backoffRetry
        case .env: .freshWorkspace
        case .flaky: .rerunCommand
        case .automation: .verboseResume
        case .product: untriedCommand ? .rerunCommand : .revise
        case .policy, .data, .unknown: .escalate
        }
    }
}
