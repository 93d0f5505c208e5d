/// The issue or pull request a run works on.
public struct WorkItemRef: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whether the number names an issue or a pull request (they share one number space on both forges).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A plain issue.
        case issue
        /// A pull request.
        case pullRequest = "pull_request"
    }

    /// The issue or pull request number (`{index}` in Gitea's API paths).
    public let number: Int
    /// Issue or pull request.
    public let kind: Kind

    /// Creates a reference.
    public init(number: Int, kind: Kind) {
        self.number = number
        self.kind = kind
    }

    public var description: String { kind == .issue ? "issue #\(number)" : "pull request #\(number)" }
}
