/// How an agent run ended, judged only from the exit status and the agent's machine-readable result, never from
/// its prose.
public enum AgentStatus: Sendable, Hashable, CustomStringConvertible {
    /// Exit status 0 and a result that reports success (for Claude: `is_error` false and `subtype` `success`).
    case succeeded
    /// The agent ran and reported a failure, e.g. an API error or `error_max_turns`.
    case failed(reason: String)
    /// The wall-clock limit passed and Conveyor ended the agent's whole process group.
    case timedOut
    /// The agent ended abnormally without a result that explains it: a non-zero exit or a signal.
    case crashed(exitStatus: Int32?, signal: Int32?)
    /// The agent exited but its output is not the result it must print (missing, empty, or not JSON).
    case invalidOutput(reason: String)
    /// The model API could not be reached or kept failing (a 5xx, 429 or 529 answer, a timeout, a refused
    /// connection) after the agent CLI's own retries: nothing about the work can be judged, and running the job
    /// again later may succeed. `reason` names the failure without the API's address.
    case modelUnavailable(reason: String)
    /// The run reached its ``SpendCeiling`` (what the configured budgets left) and was stopped: Claude Code by its
    /// own `--max-budget-usd`, the Codex CLI by Conveyor ending its process group. Not a verdict on the work; the
    /// tokens and cost used up to then are in the report.
    case budgetExhausted(reason: String)

    /// True only for ``succeeded``.
    public var isSuccess: Bool {
        if case .succeeded = self { true } else { false }
    }

    /// A short machine-friendly name: `succeeded`, `failed`, `timed_out`, `crashed`, `invalid_output`,
    /// `model_unavailable` or `budget_exhausted`.
    public var name: String {
        switch self {
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .timedOut: "timed_out"
        case .crashed: "crashed"
        case .invalidOutput: "invalid_output"
        case .modelUnavailable: "model_unavailable"
        case .budgetExhausted: "budget_exhausted"
        }
    }

    public var description: String {
        switch self {
        case .succeeded:
            "succeeded"
        case .failed(let reason):
            "failed: \(reason)"
        case .timedOut:
            "timed out; the agent's process group was ended"
        case .crashed(let exitStatus, let signal):
            if let signal {
                "crashed: ended by signal \(signal)"
            } else {
                "crashed: exited with status \(exitStatus.map(String.init) ?? "unknown")"
            }
        case .invalidOutput(let reason):
            "invalid output: \(reason)"
        case .modelUnavailable(let reason):
            "model API unavailable: \(reason)"
        case .budgetExhausted(let reason):
            "stopped at the budget: \(reason)"
        }
    }
}
