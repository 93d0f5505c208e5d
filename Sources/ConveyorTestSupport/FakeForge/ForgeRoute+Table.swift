extension FakeForge {
    /// Every route served, in both dialects, with the path templates of the corpus OpenAPI subsets
    /// (`openapi/github-subset.json`, `openapi/gitea-subset.json`).
    ///
    /// GitHub's workflow dispatch (`actions/create-workflow-dispatch`) was added to the GitHub subset from GitHub's
    /// REST description. `GET /user` (GitHub's `users/get-authenticated`, Gitea's `userGetCurrent`: the token's own
    /// account) was added to both subsets by hand from their source files.
    public static let routes: [ForgeRoute] = githubRoutes + giteaRoutes

    private static let githubRoutes: [ForgeRoute] = [
        github("GET", "", .getRepository),
        github("GET", "/issues/{issue_number}", .getIssue),
        github("PATCH", "/issues/{issue_number}", .updateIssue),
        github("GET", "/issues/{issue_number}/comments", .listComments),
        github("POST", "/issues/{issue_number}/comments", .createComment),
        github("PATCH", "/issues/comments/{comment_id}", .updateComment),
        github("GET", "/issues/{issue_number}/labels", .listLabels),
        github("POST", "/issues/{issue_number}/labels", .addLabels),
        github("DELETE", "/issues/{issue_number}/labels/{name}", .removeLabel),
        github("GET", "/pulls", .listPulls),
        github("POST", "/pulls", .createPull),
        github("GET", "/pulls/{pull_number}", .getPull),
        github("PATCH", "/pulls/{pull_number}", .updatePull),
        github("POST", "/statuses/{sha}", .createStatus),
        github("GET", "/commits/{ref}/status", .getCombinedStatus),
        github("GET", "/commits/{ref}/check-runs", .listCheckRuns),
        github("GET", "/collaborators/{username}/permission", .getPermission),
        github("POST", "/actions/workflows/{workflow_id}/dispatches", .dispatchWorkflow),
        github("GET", "/labels", .listRepositoryLabels),
        github("POST", "/labels", .createLabel),
        github("PATCH", "/labels/{name}", .editLabel),
        github("DELETE", "/labels/{name}", .deleteLabel),
        ForgeRoute(
            dialect: .github, method: "GET", pathTemplate: "/user", inSubset: true, operation: .getAuthenticatedUser),
        github("GET", "/issues", .listIssues),
        github("POST", "/issues", .createIssue),
        github("GET", "/milestones", .listMilestones),
        github("POST", "/milestones", .createMilestone),
        github("GET", "/tags", .listTags),
    ]

    private static let giteaRoutes: [ForgeRoute] = [
        gitea("GET", "", .getRepository),
        gitea("GET", "/issues/{index}", .getIssue),
        gitea("PATCH", "/issues/{index}", .updateIssue),
        gitea("GET", "/issues/{index}/comments", .listComments),
        gitea("POST", "/issues/{index}/comments", .createComment),
        gitea("PATCH", "/issues/comments/{id}", .updateComment),
        gitea("GET", "/issues/{index}/labels", .listLabels),
        gitea("POST", "/issues/{index}/labels", .addLabels),
        gitea("DELETE", "/issues/{index}/labels/{id}", .removeLabel),
        gitea("GET", "/pulls", .listPulls),
        gitea("POST", "/pulls", .createPull),
        gitea("GET", "/pulls/{index}", .getPull),
        gitea("PATCH", "/pulls/{index}", .updatePull),
        gitea("POST", "/statuses/{sha}", .createStatus),
        gitea("GET", "/commits/{ref}/status", .getCombinedStatus),
        gitea("GET", "/collaborators/{collaborator}/permission", .getPermission),
        gitea("POST", "/actions/workflows/{workflow_id}/dispatches", .dispatchWorkflow),
        gitea("GET", "/labels", .listRepositoryLabels),
        gitea("POST", "/labels", .createLabel),
        gitea("PATCH", "/labels/{id}", .editLabel),
        gitea("DELETE", "/labels/{id}", .deleteLabel),
        ForgeRoute(
            dialect: .gitea, method: "GET", pathTemplate: "/user", inSubset: true, operation: .getAuthenticatedUser),
        gitea("GET", "/issues", .listIssues),
        gitea("POST", "/issues", .createIssue),
        gitea("GET", "/milestones", .listMilestones),
        gitea("POST", "/milestones", .createMilestone),
        gitea("GET", "/tags", .listTags),
    ]

    /// The route for `operation` in `dialect`, if served.
    public static func route(_ operation: ForgeOperation, _ dialect: ForgeDialect) -> ForgeRoute? {
        routes.first { $0.operation == operation && $0.dialect == dialect }
    }

    private static func github(
        _ method: String, _ suffix: String, _ operation: ForgeOperation, inSubset: Bool = true
    ) -> ForgeRoute {
        ForgeRoute(
            dialect: .github, method: method, pathTemplate: "/repos/{owner}/{repo}" + suffix, inSubset: inSubset,
            operation: operation)
    }

    private static func gitea(_ method: String, _ suffix: String, _ operation: ForgeOperation) -> ForgeRoute {
        ForgeRoute(
            dialect: .gitea, method: method, pathTemplate: "/repos/{owner}/{repo}" + suffix, inSubset: true,
            operation: operation)
    }
}
