/// Where a document is in its life (design §4). The set is closed: any other token in `status:` is rejected.
public enum DocumentStatus: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Written, not yet offered for review.
    case draft
    /// Offered to the owner; the stage ended `state:in-review`.
    case inReview = "in-review"
    /// Accepted by the owner.
    case approved
    /// Replaced by a newer version, named by `superseded_by`.
    case superseded
    /// Dropped because the work item was aborted.
    case abandoned
    /// No longer relevant, without a replacement.
    case obsolete

    public var description: String { rawValue }

    /// Every token joined for messages, e.g. `draft, in-review, approved, …`.
    public static var allTokensList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
