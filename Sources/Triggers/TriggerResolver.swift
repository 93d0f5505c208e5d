import Pipeline

/// Turns an Actions event into a ``TriggerDecision``: the run it asks for, or a stated reason to do nothing.
///
/// Commands and stages come only from labels, the first word of a comment, and workflow inputs; no other text in
/// the payload is ever read as an instruction.
public enum TriggerResolver {
    /// The event names Conveyor acts on.
    public static let handledEvents = [
        "issues", "issue_comment", "pull_request", "pull_request_review", "workflow_dispatch", "workflow_call",
        "schedule",
    ]

    /// Resolves `context`'s event.
    ///
    /// - Throws: ``TriggerError`` when the payload is not a JSON object.
    public static func resolve(_ context: TriggerContext) throws(TriggerError) -> TriggerDecision {
        guard handledEvents.contains(context.eventName) else {
            return .skip(
                TriggerSkip(
                    code: .eventNotHandled,
                    reason: "Event `\(context.eventName)` is not handled; Conveyor acts on "
                        + "\(handledEvents.joined(separator: ", ")). Remove it from the workflow's `on:`."))
        }
        let resolution = EventResolution(context: context, payload: try EventPayload(parsing: context.payload))
        return resolution.decide()
    }
}

/// One event being resolved: the context, the parsed payload and the sender.
struct EventResolution {
    let context: TriggerContext
    let payload: EventPayload

    var actor: Actor? { payload.sender }

    func decide() -> TriggerDecision {
        if let selfLogin = context.selfLogin, let actor, actor.login.lowercased() == selfLogin.lowercased() {
            return skip(
                .selfEvent,
                "The event was caused by Conveyor's own account `\(actor.login)`; Conveyor ignores its own events "
                    + "so that it never triggers itself.")
        }
        switch context.eventName {
        case "issues": return resolveIssueEvent()
        case "issue_comment": return resolveComment()
        case "pull_request": return resolvePullRequestEvent()
        case "pull_request_review": return resolveReview()
        case "schedule":
            return .run(TriggerRun(workItem: nil, operation: .tick, mode: .run, actor: actor, source: .schedule))
        default: return resolveInputs()
        }
    }

    /// A skip about this event's work item and sender.
    func skip(_ code: SkipCode, _ reason: String, workItem: WorkItemRef? = nil) -> TriggerDecision {
        .skip(TriggerSkip(code: code, reason: reason, workItem: workItem, actor: actor))
    }

    /// A run by this event's sender.
    func run(
        _ operation: TriggerOperation, mode: RunMode = .run, on workItem: WorkItemRef, source: TriggerSource
    ) -> TriggerDecision {
        .run(TriggerRun(workItem: workItem, operation: operation, mode: mode, actor: actor, source: source))
    }

    /// The skip for an action that starts nothing, e.g. `opened` on an issue; `advice` is appended when given.
    func actionNotHandled(_ handled: String, advice: String = "", workItem: WorkItemRef?) -> TriggerDecision {
        let action = payload.action.map { "`\($0)`" } ?? "with no action"
        return skip(
            .actionNotHandled,
            "`\(context.eventName)` \(action) starts nothing; only \(handled) does.\(advice)", workItem: workItem)
    }
}
