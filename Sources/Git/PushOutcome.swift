/// What happened to a pushed reference.
public enum PushOutcome: Sendable, Equatable {
    /// The remote reference now points at the pushed commit.
    case pushed
    /// The remote reference moved since we last saw it (someone else pushed first), so it was left alone.
    ///
    /// This is the compare-and-swap failure callers rely on: fetch the new tip, rebuild the change on top of it
    /// and push again. `message` is the remote's or libgit2's reason.
    case rejectedNonFastForward(message: String)
}
