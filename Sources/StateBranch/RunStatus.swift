/// The status of a run in the `runs` table: an open set of stable names.
///
/// A run is either still going (``started``) or terminal. ``StateVerifier`` reports a run that is not terminal
/// and holds no live lease: its job died without saying how it ended.
public struct RunStatus: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// The stored text, e.g. `succeeded`.
    public let rawValue: String

    /// Wraps a stored status.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The run holds its lease and is working.
    public static let started = RunStatus(rawValue: "started")
    /// The stage finished and its gate passed (or needs the owner's approval).
    public static let succeeded = RunStatus(rawValue: "succeeded")
    /// The stage finished without passing.
    public static let failed = RunStatus(rawValue: "failed")
    /// The trigger was accepted but there was nothing to do.
    public static let skipped = RunStatus(rawValue: "skipped")
    /// Another job already held the work; this one did nothing.
    public static let duplicate = RunStatus(rawValue: "duplicate")
    /// Someone stopped the run (a cancelled job, `run:abort`).
    public static let cancelled = RunStatus(rawValue: "cancelled")
    /// The run's lease expired before it finished (its job crashed) and a later claim took the work over.
    public static let expired = RunStatus(rawValue: "expired")

    /// Every status that ends a run.
    public static let terminal: Set<RunStatus> = [.succeeded, .failed, .skipped, .duplicate, .cancelled, .expired]

    /// True when the run has ended.
    public var isTerminal: Bool { Self.terminal.contains(self) }

    public var description: String { rawValue }
}
