/// An issue, or the issue side of a pull request (both forges number them together).
public struct Issue: Sendable, Hashable, Decodable {
    /// The number shown in the forge, e.g. 7 for `#7`.
    public let number: Int
    /// The title.
    public let title: String
    /// The Markdown body; empty when the forge sends none.
    public let body: String
    /// Open or closed.
    public let state: IssueState
    /// The labels on it, in the forge's order.
    public let labels: [Label]
    /// Who opened it.
    public let author: Account
    /// True when this number is a pull request.
    public let isPullRequest: Bool

    /// Creates a value.
    public init(
        number: Int, title: String, body: String, state: IssueState, labels: [Label], author: Account,
        isPullRequest: Bool
    ) {
        self.number = number
        self.title = title
        self.body = body
        self.state = state
        self.labels = labels
        self.author = author
        self.isPullRequest = isPullRequest
    }

    /// True when a label named `name` (compared without case) is on the issue.
    public func hasLabel(_ name: String) -> Bool {
        labels.contains { $0.isNamed(name) }
    }

    private enum CodingKeys: String, CodingKey {
        case number, title, body, state, labels, user
        case pullRequest = "pull_request"
    }

    /// Decodes both forges' issue JSON. A null or missing body is empty, missing labels are none, and a
    /// non-null `pull_request` member marks a pull request. Other fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(Int.self, forKey: .number)
        title = try container.decode(String.self, forKey: .title)
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        state = try container.decode(IssueState.self, forKey: .state)
        labels = try container.decodeIfPresent([Label].self, forKey: .labels) ?? []
        author = try container.decode(Account.self, forKey: .user)
        isPullRequest = try container.contains(.pullRequest) && !container.decodeNil(forKey: .pullRequest)
    }
}

/// Whether an issue or pull request is open.
public enum IssueState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Open.
    case open
    /// Closed (for a pull request: closed or merged).
    case closed
}
