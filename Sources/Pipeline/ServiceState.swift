/// The `state:*` service labels.
public enum ServiceState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Work is blocked on input or approval.
    case blocked
    /// The stage's output awaits the owner's review.
    case inReview = "in-review"
    /// The owner accepted the output.
    case approved
    /// The output was replaced by a newer version.
    case superseded
    /// The work was cancelled.
    case abandoned

    public var description: String { rawValue }
}
