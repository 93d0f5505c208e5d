/// Which REST API a request spoke.
public enum ForgeDialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// GitHub REST, served at the fake forge's root (`/repos/{owner}/{repo}/…`).
    case github
    /// Gitea, served under `/api/v1` (`/api/v1/repos/{owner}/{repo}/…`).
    case gitea

    public var description: String { rawValue }
}

/// What a route does, independent of dialect; used to inject faults and to count requests.
public enum ForgeOperation: String, Sendable, Hashable, CaseIterable {
    case getRepository, getIssue, updateIssue
    case listComments, createComment, updateComment
    case listLabels, addLabels, removeLabel
    case listPulls, createPull, getPull, updatePull
    case createStatus, getCombinedStatus
    case getPermission
    case dispatchWorkflow
    case listRepositoryLabels, createLabel, editLabel, deleteLabel
    case getAuthenticatedUser
    case listIssues, createIssue, listMilestones, createMilestone, listTags
}

/// One route the fake forge serves.
public struct ForgeRoute: Sendable, Hashable, CustomStringConvertible {
    /// The API the route belongs to.
    public let dialect: ForgeDialect
    /// The HTTP method, upper case.
    public let method: String
    /// The path template exactly as in the OpenAPI subset (Gitea without the `/api/v1` base path).
    public let pathTemplate: String
    /// False for a route served although the corpus OpenAPI subset does not describe it.
    public let inSubset: Bool
    /// What the route does.
    public let operation: ForgeOperation

    /// Creates a route description; the served table is ``FakeForge/routes``.
    public init(dialect: ForgeDialect, method: String, pathTemplate: String, inSubset: Bool, operation: ForgeOperation)
    {
        self.dialect = dialect
        self.method = method
        self.pathTemplate = pathTemplate
        self.inSubset = inSubset
        self.operation = operation
    }

    /// `github GET /repos/{owner}/{repo}`.
    public var description: String { "\(dialect) \(method) \(pathTemplate)" }

    /// The template's segments, e.g. `["repos", "{owner}", "{repo}"]`.
    var segments: [Substring] { pathTemplate.split(separator: "/") }
}
