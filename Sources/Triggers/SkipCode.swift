/// Why an event starts no run, as a stable machine-readable code.
public struct SkipCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The code's stable name, e.g. `not_a_trigger_label`.
    public let name: String

    private init(_ name: String) { self.name = name }

    /// The event name is not one Conveyor handles (`push`, `ping`, …).
    public static let eventNotHandled = SkipCode("event_not_handled")
    /// The event's action is not one that starts anything (`opened` on an issue, `edited`, …).
    public static let actionNotHandled = SkipCode("action_not_handled")
    /// The added label is not a Conveyor trigger label under the current names.
    public static let notTriggerLabel = SkipCode("not_a_trigger_label")
    /// A label event whose label set has no new trigger label.
    public static let noNewTriggerLabel = SkipCode("no_new_trigger_label")
    /// More than one new trigger label at once; Conveyor will not guess.
    public static let severalTriggerLabels = SkipCode("several_trigger_labels")
    /// `run:rethink` without a target stage.
    public static let rethinkNeedsStage = SkipCode("rethink_needs_stage")
    /// A comment that does not start with a Conveyor command.
    public static let notACommand = SkipCode("not_a_command")
    /// A comment whose first word looks like a command (`/word`) but is not one Conveyor knows.
    public static let unknownCommand = SkipCode("unknown_command")
    /// A pull request review that does not approve (`commented`, `changes_requested`).
    public static let reviewNotApproval = SkipCode("review_not_approval")
    /// A command whose argument is missing or wrong (`/rethink nope`, `/choose 0`, `/revise` with no text).
    public static let invalidCommand = SkipCode("invalid_command")
    /// A `workflow_dispatch`/`workflow_call` input is missing.
    public static let missingInput = SkipCode("missing_input")
    /// A `workflow_dispatch`/`workflow_call` input has a value Conveyor cannot use.
    public static let invalidInput = SkipCode("invalid_input")
    /// The payload lacks the issue or pull request the event is about.
    public static let missingWorkItem = SkipCode("missing_work_item")
    /// The event was caused by Conveyor's own account.
    public static let selfEvent = SkipCode("self_event")

    /// Creates a code from its stable name (used when decoding).
    public init(from decoder: any Decoder) throws {
        self.name = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the stable name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public var description: String { name }
}
