import Actions

/// The token permission an operation needs, named the way each forge names it, so that a 401 or 403
/// error can say exactly what to grant.
enum TokenAccess: Sendable {
    /// Read the repository and its collaborators.
    case readRepository
    /// Read issues and their comments and labels.
    case readIssues
    /// Write issues, comments and labels.
    case writeIssues
    /// Read pull requests.
    case readPullRequests
    /// Open and edit pull requests.
    case writePullRequests
    /// Read commit statuses.
    case readStatuses
    /// Post commit statuses.
    case writeStatuses
    /// Read check runs (GitHub).
    case readChecks
    /// Start workflow runs.
    case writeActions

    /// One sentence on what to grant the token on `forge`.
    func remedy(on forge: ForgeKind) -> String {
        switch forge {
        case .github:
            "Give the token \(gitHubPermission) (the workflow's `permissions:` block or the fine-grained token's "
                + "repository permissions; a classic token needs the `repo` scope)."
        case .gitea:
            "Give the token the `\(giteaScope)` scope, and make sure its user can access the repository."
        }
    }

    /// The GitHub Actions / fine-grained permission.
    private var gitHubPermission: String {
        switch self {
        case .readRepository: "`metadata: read`"
        case .readIssues: "`issues: read`"
        case .writeIssues: "`issues: write`"
        case .readPullRequests: "`pull-requests: read`"
        case .writePullRequests: "`pull-requests: write` and `contents: write`"
        case .readStatuses: "`statuses: read`"
        case .writeStatuses: "`statuses: write`"
        case .readChecks: "`checks: read`"
        case .writeActions: "`actions: write`"
        }
    }

    /// The Gitea token scope.
    private var giteaScope: String {
        switch self {
        case .readRepository, .readPullRequests, .readStatuses, .readChecks: "read:repository"
        case .readIssues: "read:issue"
        case .writeIssues: "write:issue"
        case .writePullRequests, .writeStatuses, .writeActions: "write:repository"
        }
    }
}
