public import Foundation

/// What applying one ``StateChange`` did.
public enum StateChangeOutcome: Sendable, Equatable {
    /// The change wrote something new.
    case applied
    /// The change was already recorded (a replay); nothing was written.
    case alreadyRecorded
    /// The lease was free, or already ours, and is now held until the given time.
    case leaseAcquired(expiresAt: Date)
    /// Another holder's lease had expired; it is now ours. The previous run, if unfinished, became
    /// ``RunStatus/expired``.
    case leaseTakenOver(previous: LeaseHolder, expiresAt: Date)
    /// Another holder has a live lease: the batch was discarded and nothing was pushed.
    case leaseHeld(LeaseHolder)
    /// The lease was freed.
    case leaseReleased
    /// The lease was not held by the releasing holder (free, or someone else's, given here); nothing changed.
    case leaseNotHeld(current: LeaseHolder?)
    /// The change was part of a batch discarded because a lease was held by someone else.
    case discarded
}
