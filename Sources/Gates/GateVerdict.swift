/// What a gate decided about one stage run of one work item.
public struct GateVerdict: Sendable, Hashable {
    /// Pass, fail, or needs input.
    public let result: GateResult
    /// Every finding; empty on a clean pass. On `needs_input` there is one ``GateReason/Code/openQuestions`` reason.
    public let reasons: [GateReason]
    /// The unanswered questions, on `needs_input`.
    public let questions: [String]

    /// Creates a verdict.
    public init(result: GateResult, reasons: [GateReason], questions: [String] = []) {
        self.result = result
        self.reasons = reasons
        self.questions = questions
    }

}
