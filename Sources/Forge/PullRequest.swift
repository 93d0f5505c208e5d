/// A pull request.
public struct PullRequest: Sendable, Hashable, Decodable {
    /// The number, shared with issues.
    public let number: Int
    /// The title.
    public let title: String
    /// The Markdown body; empty when the forge sends none.
    public let body: String
    /// Open or closed (a merged pull request is closed).
    public let state: IssueState
    /// True once merged.
    public let isMerged: Bool
    /// True for a draft.
    public let isDraft: Bool
    /// The source branch's name.
    public let head: String
    /// The source branch's tip commit.
    public let headSHA: String
    /// The target branch's name.
    public let base: String
    /// Who opened it.
    public let author: Account
    /// The web page, when given.
    public let htmlURL: String?
    /// The target branch's tip commit as the forge reports it; empty when not given.
    public var baseSHA: String = ""
    /// `owner/name` of the repository the source branch lives in; nil when the forge does not say (a deleted fork).
    public var headRepository: String?
    /// `owner/name` of the repository the pull request targets; nil when the forge does not say.
    public var baseRepository: String?

    /// True when the source branch lives in another repository than the target (a fork), or the forge does not
    /// say where it lives: such a pull request's content is untrusted.
    public var isFromFork: Bool {
        guard let headRepository, let baseRepository else { return true }
        return headRepository.lowercased() != baseRepository.lowercased()
    }

    /// Creates a value.
    public init(
        number: Int, title: String, body: String, state: IssueState, isMerged: Bool, isDraft: Bool, head: String,
        headSHA: String, base: String, author: Account, htmlURL: String? = nil
    ) {
        self.number = number
        self.title = title
        self.body = body
        self.state = state
        self.isMerged = isMerged
        self.isDraft = isDraft
        self.head = head
        self.headSHA = headSHA
        self.base = base
        self.author = author
        self.htmlURL = htmlURL
    }

    private enum CodingKeys: String, CodingKey {
        case number, title, body, state, merged, draft, head, base, user
        case mergedAt = "merged_at"
        case htmlURL = "html_url"
    }

    /// A pull request's `head` or `base`.
    private struct BranchReference: Decodable {
        let ref: String
        let sha: String?
        let repo: RepositoryName?
    }

    /// The repository of a `head` or `base`, by name.
    private struct RepositoryName: Decodable {
        let fullName: String?

        private enum CodingKeys: String, CodingKey {
            case fullName = "full_name"
        }
    }

    /// Decodes both forges' pull request JSON, full or listed. GitHub lists leave out `merged`, so
    /// a non-null `merged_at` counts as merged too. Other fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(Int.self, forKey: .number)
        title = try container.decode(String.self, forKey: .title)
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        state = try container.decode(IssueState.self, forKey: .state)
        let mergedAt = try container.decodeIfPresent(String.self, forKey: .mergedAt)
        isMerged = try container.decodeIfPresent(Bool.self, forKey: .merged) ?? (mergedAt != nil)
        isDraft = try container.decodeIfPresent(Bool.self, forKey: .draft) ?? false
        let head = try container.decode(BranchReference.self, forKey: .head)
        self.head = head.ref
        headSHA = head.sha ?? ""
        headRepository = head.repo?.fullName
        let base = try container.decode(BranchReference.self, forKey: .base)
        self.base = base.ref
        baseSHA = base.sha ?? ""
        baseRepository = base.repo?.fullName
        author = try container.decode(Account.self, forKey: .user)
        htmlURL = try container.decodeIfPresent(String.self, forKey: .htmlURL)
    }
}

/// Which pull requests a listing returns.
public enum PullRequestStateFilter: String, Sendable, Hashable, CaseIterable {
    /// Open ones only.
    case open
    /// Closed and merged ones only.
    case closed
    /// All of them.
    case all
}
