/// How an agent's process ended, as the process group runner saw it.
public struct ProcessExit: Sendable, Hashable {
    /// The exit status when the process exited normally.
    public var exitStatus: Int32?
    /// The signal that ended the process, when one did.
    public var signal: Int32?
    /// True when the wall-clock limit passed and Conveyor ended the process group.
    public var timedOut: Bool
    /// How long the process ran.
    public var elapsed: Duration
    /// Why Conveyor ended the process group before the timeout because the run reached its ``SpendCeiling``, or nil.
    public var ceilingReached: String?

    /// Creates an exit record.
    public init(
        exitStatus: Int32?, signal: Int32?, timedOut: Bool, elapsed: Duration, ceilingReached: String? = nil
    ) {
        self.exitStatus = exitStatus
        self.signal = signal
        self.timedOut = timedOut
        self.elapsed = elapsed
        self.ceilingReached = ceilingReached
    }

    /// A clean exit with status 0, no timeout and no stop at the spend ceiling.
    public var exitedCleanly: Bool {
        !timedOut && ceilingReached == nil && signal == nil && exitStatus == 0
    }
}
