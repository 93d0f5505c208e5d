/// Which agent runs a stage.
///
/// The set grows as Conveyor learns new CLIs; callers should not assume it is final.
public enum AgentKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The Claude Code CLI in print mode with JSON output.
    case claude
    /// The Codex CLI (`codex exec --json`) in its workspace-write sandbox.
    case codex
    /// Any CLI, run through a ``CommandTemplate``.
    case command
    /// The built-in, deterministic template writer: no network, no model.
    case offline

    public var description: String { rawValue }

    /// Every kind's name joined for messages, e.g. `claude, codex, command, offline`.
    public static var allNamesList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
