/// The check that decides whether a stage's output may go to the owner for review.
///
/// Verdicts come only from frontmatter fields and from exit codes of commands Conveyor ran itself, never from prose.
public enum StageGate: Sendable, Hashable {
    /// Every required artifact exists with the required frontmatter.
    case artifacts
    /// The artifacts check, then the verdict field named by the rule.
    case verdict(VerdictRule)
    /// The artifacts check, then `arguments` run in the work tree must exit 0.
    case command(arguments: [String])
    /// No check.
    case none

    /// The gate's kind.
    public var kind: GateKind {
        switch self {
        case .artifacts: .artifacts
        case .verdict: .verdict
        case .command: .command
        case .none: .none
        }
    }
}
