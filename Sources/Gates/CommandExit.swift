/// How a gate command ended.
public enum CommandExit: Sendable, Hashable, CustomStringConvertible {
    /// The command exited with this status; 0 passes the gate.
    case exited(Int32)
    /// The command was ended by this signal.
    case signalled(Int32)
    /// The command ran past its time limit and was stopped.
    case timedOut(Duration)
    /// The command could not be started, with the system's explanation.
    case couldNotStart(String)

    /// True only for an exit status of 0.
    public var succeeded: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(127): "exited with status 127 (command not found)"
        case .exited(let status): "exited with status \(status)"
        case .signalled(let signal): "was ended by signal \(signal)"
        case .timedOut(let limit): "did not finish within \(limit.components.seconds) seconds and was stopped"
        case .couldNotStart(let problem): "could not be started (\(problem))"
        }
    }
}
