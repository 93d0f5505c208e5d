/// Who already handled the failures of the repository's own commands (and CI) in an attempt, so the supervisor does
/// not revise them a second time (ADR 0017): a product failure from those commands is escalated instead.
public enum CommandFailureOwner: Sendable, Equatable {
    /// The dev stage's fix loop, which gave the agent each failing command's output and let it try again, up to
    /// `maxAttempts` attempts (`dev.max_dev_attempts`).
    case devLoop(maxAttempts: Int)
    /// The qa stage's commands, which judge the code under test: a revise of qa's documents cannot change them.
    case qaCommands

    /// Why the supervisor escalates such a failure instead of revising it, for the record and the narrative.
    public var reason: String {
        switch self {
        case .devLoop(let attempts):
            "the dev loop already gave the agent the failing command's output and let it try again, up to "
                + "`max_dev_attempts` (\(attempts)) attempts; the supervisor does not revise the same failure again"
        case .qaCommands:
            "qa's commands judge the code under test, which a revise of qa's documents cannot change; the code needs "
                + "a person (or dev again)"
        }
    }
}
