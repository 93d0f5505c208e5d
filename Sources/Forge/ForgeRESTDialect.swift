import Actions
import HTTP

/// Where GitHub's and Gitea's REST APIs differ, as data: one ``ForgeRESTClient`` speaks either by holding one.
///
/// Both forges share the `/repos/{owner}/{repo}/…` paths and most JSON shapes; what is left is authentication,
/// paging, a few addressing rules and which fields a forge ignores or refuses. Each difference is a field here so
/// the client's code is written once and every fork in it names the difference it follows.
public struct ForgeRESTDialect: Sendable, Hashable {
    /// How the forge addresses a label in a path.
    public enum LabelAddress: Sendable, Hashable {
        /// By its name (GitHub: `…/labels/{name}`).
        case name
        /// By its numeric id (Gitea: `…/labels/{id}`).
        case id
    }

    /// The forge this dialect is spoken by.
    public let kind: ForgeKind
    /// The word before the token in `Authorization` (`Bearer`, `token`).
    public let authorizationScheme: String
    /// Headers sent with every request (media type, API version).
    public let headers: [String: String]
    /// How repository-level lists (pull requests, repository labels) are paged.
    public let paging: PaginationDialect
    /// The page size asked for on repository-level lists: the forge's maximum.
    public let pageSize: Int
    /// The page size asked for on an issue's labels and comments; nil when the endpoint takes no page
    /// parameters and answers with everything (Gitea), so only `Link` headers are followed there.
    public let issueListPageSize: Int?
    /// True when the pull request list can be filtered by head branch on the server (`head=owner:branch`);
    /// otherwise every pull request in the state is read and filtered here.
    public let filtersPullRequestsByHead: Bool
    /// True when a new pull request may carry the `draft` flag.
    public let sendsDraftFlag: Bool
    /// True when commit statuses keep `warning` and `skipped`; otherwise
    /// ``CommitStatusState/gitHubEquivalent`` is sent.
    public let keepsEveryStatusState: Bool
    /// How a label is addressed in `…/issues/{n}/labels/{label}` and `…/labels/{label}`.
    public let labelAddress: LabelAddress
    /// True when a label is renamed with `new_name` (its old name being in the path) rather than `name`.
    public let renamesLabelsWithNewName: Bool
    /// What goes before a label colour's six hex digits (`#` on Gitea, nothing on GitHub).
    public let colourPrefix: String

    /// github.com and GitHub Enterprise Server, REST API version 2022-11-28: `Bearer` tokens, `Link` paging
    /// 100 items at a time, labels by name, no `warning`/`skipped` statuses.
    public static let github = ForgeRESTDialect(
        kind: .github, authorizationScheme: "Bearer",
        headers: ["Accept": "application/vnd.github+json", "X-GitHub-Api-Version": gitHubAPIVersion],
        paging: .github, pageSize: 100, issueListPageSize: 100, filtersPullRequestsByHead: true,
        sendsDraftFlag: true, keepsEveryStatusState: false, labelAddress: .name, renamesLabelsWithNewName: true,
        colourPrefix: "")

    /// Gitea and Forgejo (REST under `/api/v1`): `token` tokens, `page`/`limit` paging 50 at a time, issue
    /// labels and comments unpaged, labels by id, no draft flag, no server-side head filter.
    public static let gitea = ForgeRESTDialect(
        kind: .gitea, authorizationScheme: "token", headers: ["Accept": "application/json"], paging: .gitea,
        pageSize: 50, issueListPageSize: nil, filtersPullRequestsByHead: false, sendsDraftFlag: false,
        keepsEveryStatusState: true, labelAddress: .id, renamesLabelsWithNewName: false, colourPrefix: "#")

    /// The GitHub REST API version the GitHub dialect is written against.
    public static let gitHubAPIVersion = "2022-11-28"

    /// The dialect of the forge of `kind`.
    public static func of(_ kind: ForgeKind) -> ForgeRESTDialect {
        switch kind {
        case .github: .github
        case .gitea: .gitea
        }
    }

    /// `base` with this dialect's authorization and headers set (replacing what `base` had for them).
    public func httpConfiguration(token: Secret, base: HTTPClient.Configuration = .init())
        -> HTTPClient.Configuration
    {
        var configuration = base
        configuration.authorization = "\(authorizationScheme) \(token.reveal())"
        for (name, value) in headers { configuration.defaultHeaders[name] = value }
        return configuration
    }

    /// The state to send for `state`: itself where the forge keeps every state, else its GitHub equivalent.
    func sentState(_ state: CommitStatusState) -> CommitStatusState {
        keepsEveryStatusState ? state : state.gitHubEquivalent
    }

    /// The server-side head filter for pull requests from `head`, when the forge has one.
    func headQuery(_ head: String?, owner: String) -> [(String, String)] {
        guard filtersPullRequestsByHead, let head else { return [] }
        return [("head", "\(owner):\(head)")]
    }

    /// `label`'s path segment.
    func pathSegment(of label: Label) -> String {
        switch labelAddress {
        case .name: label.name
        case .id: String(label.id)
        }
    }
}
