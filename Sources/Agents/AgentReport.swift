/// The machine-readable result an agent printed at the end of its run (Claude Code's `result` object).
///
/// Unknown keys are ignored, since newer CLIs add fields freely. Missing keys stay nil: whether a report counts as
/// success is decided by ``AgentStatus/judge(_:report:)``, which insists on `is_error == false` *and*
/// `subtype == "success"`.
public struct AgentReport: Sendable, Hashable {
    /// `type`; `result` for Claude Code's final object.
    public var type: String?
    /// `subtype`: `success`, `error_max_turns`, `error_during_execution`, `error_max_budget_usd`, …
    public var subtype: String?
    /// `is_error`; may be true while ``subtype`` is `success` (a failed API call).
    public var isError: Bool?
    /// `result`: the agent's final text, or the error message.
    public var resultText: String?
    /// `session_id`, for resuming the conversation.
    public var sessionID: String?
    /// `total_cost_usd` (older CLIs: `cost_usd`).
    public var costUSD: Double?
    /// `usage`, summed over the run's model calls.
    public var usage: TokenUsage?
    /// `num_turns`.
    public var numTurns: Int?
    /// `duration_ms`.
    public var durationMS: Int?
    /// `api_error_status`: the HTTP status of a failed model call, e.g. 401.
    public var apiErrorStatus: Int?
    /// `terminal_reason`, e.g. `completed`, `max_turns`, `api_error`.
    public var terminalReason: String?
    /// `errors`: messages such as "Reached maximum number of turns (40)".
    public var errors: [String]
    /// `permission_denials`: tool calls the CLI refused (e.g. a write outside the work tree).
    public var permissionDenials: [PermissionDenial]
    /// The model that produced most output tokens, from `modelUsage`; else the top-level `model`.
    public var model: String?

    /// Creates an empty report; the parser fills it in.
    public init() {
        errors = []
        permissionDenials = []
    }

    /// True when the report itself says the run succeeded: `is_error` is false and `subtype` is `success`.
    public var reportsSuccess: Bool {
        isError == false && subtype == "success"
    }

    /// True when the report says the run failed: `is_error` is true, or `subtype` is something other than `success`.
    public var reportsFailure: Bool {
        isError == true || (subtype.map { $0 != "success" } ?? false)
    }

    /// Why the report says the run failed, e.g. `error_max_turns: Reached maximum number of turns (2)` or
    /// `API error 401: Failed to authenticate.` (at most 500 characters).
    public var failureReason: String {
        var parts: [String] = []
        if let subtype, subtype != "success" { parts.append(subtype) }
        if let apiErrorStatus { parts.append("API error \(apiErrorStatus)") }
        let detail = errors.isEmpty ? (resultText ?? "") : errors.joined(separator: "; ")
        let head = parts.isEmpty ? "is_error is true" : parts.joined(separator: ", ")
        let text = detail.isEmpty ? head : "\(head): \(detail)"
        return text.count > 500 ? String(text.prefix(500)) + "…" : text
    }
}

/// A tool call the agent CLI refused to run.
public struct PermissionDenial: Sendable, Hashable {
    /// The tool, e.g. `Write`.
    public var toolName: String
    /// The file it targeted, when the call named one.
    public var filePath: String?

    /// Creates a denial record.
    public init(toolName: String, filePath: String?) {
        self.toolName = toolName
        self.filePath = filePath
    }
}
