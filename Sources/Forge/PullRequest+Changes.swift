/// What a new pull request says.
public struct NewPullRequest: Sendable, Hashable {
    /// The title.
    public var title: String
    /// The source branch.
    public var head: String
    /// The target branch.
    public var base: String
    /// The Markdown body.
    public var body: String
    /// Open it as a draft. GitHub only: Gitea's API has no draft flag (it treats a `WIP:` title
    /// prefix as draft), so it is not sent there.
    public var isDraft: Bool

    /// Creates a value.
    public init(title: String, head: String, base: String, body: String = "", isDraft: Bool = false) {
        self.title = title
        self.head = head
        self.base = base
        self.body = body
        self.isDraft = isDraft
    }
}

/// Changes to a pull request; nil fields stay as they are.
public struct PullRequestUpdate: Sendable, Hashable, Encodable {
    /// A new title.
    public var title: String?
    /// A new Markdown body.
    public var body: String?
    /// Open or close it.
    public var state: IssueState?

    /// Creates a value; give at least one field.
    public init(title: String? = nil, body: String? = nil, state: IssueState? = nil) {
        self.title = title
        self.body = body
        self.state = state
    }
}

/// The JSON body of `POST …/pulls`.
struct PullRequestCreation: Encodable {
    let title: String
    let head: String
    let base: String
    let body: String
    /// Sent on GitHub only.
    let draft: Bool?
}
