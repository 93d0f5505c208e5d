extension AgentStatus {
    /// Judges a run from its exit and, when the agent must print a result, what parsing that result gave.
    ///
    /// - A timeout wins over everything (``timedOut``); a signal is a crash.
    /// - With no result expected (`report` nil): exit 0 succeeds, anything else is a crash.
    /// - A result that says failure (`is_error` true, or a `subtype` other than `success`) is ``failed(reason:)``,
    ///   whatever the exit status.
    /// - Success needs exit 0 *and* a result with `is_error == false` *and* `subtype == "success"`. A result
    ///   missing either key is ``invalidOutput(reason:)`` on exit 0; a non-zero exit without a failure report is a
    ///   crash.
    public static func judge(
        _ exit: ProcessExit, report: Result<AgentReport, InvalidAgentOutput>?
    ) -> AgentStatus {
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
