public import Git

/// What ``StateBranchStore/apply(_:message:)`` did.
public struct StateCommitResult: Sendable {
    /// One outcome per change, in order.
    public let outcomes: [StateChangeOutcome]
    /// The commit now at the tip of the state branch, or nil when nothing needed to change (nothing was pushed).
    public let commit: ObjectID?
    /// The tip the changes were applied on; nil when the branch did not exist yet.
    public let base: ObjectID?
    /// How many rounds it took (1 when the first push won).
    public let attempts: Int

    /// Creates a result.
    public init(outcomes: [StateChangeOutcome], commit: ObjectID?, base: ObjectID?, attempts: Int) {
        self.outcomes = outcomes
        self.commit = commit
        self.base = base
        self.attempts = attempts
    }

    /// The live lease of another run that made the batch be discarded, if any.
    public var heldLease: LeaseHolder? {
        for outcome in outcomes {
            if case .leaseHeld(let holder) = outcome { return holder }
        }
        return nil
    }
}
