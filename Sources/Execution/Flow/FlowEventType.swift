/// The owner interactions and flow steps Conveyor appends to the `flow_events` audit log, by their stable
/// `event_type` text. Each entry names who (`actor_id`), when (`occurred_at`) and from which event (`event` in its
/// payload); ``FlowState`` is derived from these entries and the runs.
public enum FlowEventType: String, Sendable, CaseIterable {
    /// A stage's output was approved (payload: `stage`, `next`, `via`, `event`).
    case stageApproved = "stage.approved"
    /// Conveyor dispatched the workflow that starts a stage (payload: `stage`, `mode`, `approval_of`, `approved_by`,
    /// `event`, `workflow`).
    case stageDispatched = "stage.dispatched"
    /// The owner asked for another round (payload: `stage`, `round`, `findings`, `event`).
    case reviseRequested = "stage.revise_requested"
    /// The owner answered a stage's open questions (payload: `stage`, `answer`, `event`).
    case answered = "stage.answered"
    /// The revise rounds of a stage ran out (payload: `stage`, `rounds`).
    case reviseLimitReached = "stage.revise_limit"
    /// The owner moved the item back to an earlier stage (payload: `from`, `to`, `event`).
    case rethink = "item.rethink"
    /// The owner aborted the item (payload: `event`, `pull_request`).
    case aborted = "item.aborted"
    /// A command was refused with one reply (payload: `reason`, `event`).
    case refused = "command.refused"
}
