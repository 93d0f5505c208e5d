import Foundation

extension AgentStatus {
    /// Judges a run from its exit and, when the agent must print a result, what parsing that result gave.
    ///
    /// - A stop at the spend ceiling wins over everything (``budgetExhausted(reason:)``): Conveyor's own
    ///   (``ProcessExit/ceilingReached``), or the CLI's (``AgentReport/budgetExhaustion``).
    /// - A timeout comes next (``timedOut``); a signal is a crash.
    /// - With no result expected (`report` nil): exit 0 succeeds, anything else is a crash.
    /// - A result that says the model API itself failed (``AgentReport/modelOutage``) is
    ///   ``modelUnavailable(reason:)``: the work was not judged.
    /// - A result that says failure (`is_error` true, or a `subtype` other than `success`) is ``failed(reason:)``,
    ///   whatever the exit status.
    /// - Success needs exit 0 *and* a result with `is_error == false` *and* `subtype == "success"`. A result
    ///   missing either key is ``invalidOutput(reason:)`` on exit 0; a non-zero exit without a failure report is a
    ///   crash.
    public static func judge(
        _ exit: ProcessExit, report: Result<AgentReport, InvalidAgentOutput>?
    ) -> AgentStatus {
        if let reason = exit.ceilingReached { return .budgetExhausted(reason: reason) }
        if case .success(let report) = report, let reason = report.budgetExhaustion {
            return .budgetExhausted(reason: reason)
        }
        if exit.timedOut { return .timedOut }
        if let signal = exit.signal { return .crashed(exitStatus: nil, signal: signal) }
        let exitedZero = exit.exitStatus == 0
        let crash = AgentStatus.crashed(exitStatus: exit.exitStatus, signal: nil)
        switch report {
        case nil:
            return exitedZero ? .succeeded : crash
        case .failure(let invalid):
            return exitedZero ? .invalidOutput(reason: invalid.reason) : crash
        case .success(let report):
            if let outage = report.modelOutage { return .modelUnavailable(reason: outage) }
            if report.reportsFailure { return .failed(reason: report.failureReason) }
            guard exitedZero else { return crash }
            if report.reportsSuccess { return .succeeded }
            return .invalidOutput(reason: missingKeysReason(report))
        }
    }

    private static func missingKeysReason(_ report: AgentReport) -> String {
        let missing = [report.isError == nil ? "is_error" : nil, report.subtype == nil ? "subtype" : nil]
            .compactMap { $0 }
        return "the result object has no \(missing.joined(separator: " or ")), so success cannot be confirmed"
    }
}

extension AgentReport {
    /// Why the agent CLI stopped itself at its spending limit, or nil: Claude Code's `subtype`
    /// `error_max_budget_usd` (its `errors` say "Reached maximum budget ($…)").
    public var budgetExhaustion: String? {
        guard subtype == "error_max_budget_usd" else { return nil }
        return errors.first.map { "the agent CLI reported \"\($0)\"" }
            ?? "the agent CLI stopped at its --max-budget-usd limit"
    }

    /// The HTTP statuses of a model call that say the API, not the request, failed: a timeout, rate limits and
    /// overload (429, 529) and server errors.
    static let outageStatuses: Set<Int> = Set([408, 429, 529]).union(500...599)

    /// The phrases Claude Code's `result` text starts with when a model call failed without an HTTP answer.
    static let outagePhrases = [
        "API Error: Connection error", "API Error: Request timed out", "API Error: Overloaded",
        "Unable to connect to API", "API Error: fetch failed",
    ]

    /// Why the model API was unavailable, or nil when the report is about the work: `is_error` with an
    /// `api_error_status` in ``outageStatuses``, or without a status and a `result` text starting with one of
    /// ``outagePhrases``. The reason never quotes the result text, which may hold the API's address.
    public var modelOutage: String? {
        guard isError == true else { return nil }
        if let status = apiErrorStatus {
            return Self.outageStatuses.contains(status)
                ? "the model API answered HTTP \(status) after the agent CLI's retries" : nil
        }
        let text = (resultText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let phrase = Self.outagePhrases.first(where: { text.hasPrefix($0) }) else { return nil }
        return "the agent CLI reported \"\(phrase)\" after its retries"
    }
}
