import Actions
import Foundation
import HTTP

/// ``ForgeClient`` over the REST API of GitHub (github.com, GitHub Enterprise Server; API version 2022-11-28)
/// or Gitea/Forgejo (under `/api/v1`), the differences between the two held by its ``ForgeRESTDialect``.
///
/// Authentication, headers and paging follow the dialect (GitHub: `Authorization: Bearer`, its media type and
/// API version, `Link` paging 100 at a time; Gitea: `Authorization: token`, `page`/`limit` paging). Where the
/// forges differ in what a call can do — filtering pull requests by head branch, the draft flag, the
/// `warning` and `skipped` statuses, addressing a label by name or by id — the dialect says which way to go.
public struct ForgeRESTClient: ForgeClient {
    let rest: ForgeREST

    /// What this client speaks.
    public var dialect: ForgeRESTDialect { rest.dialect }
    /// The forge of ``dialect``.
    public var kind: ForgeKind { rest.kind }
    /// The repository every call is about.
    public var repository: RepositorySlug { rest.repository }

    /// Creates a client; nothing is sent until the first call.
    ///
    /// - Parameters:
    ///   - dialect: ``ForgeRESTDialect/github`` or ``ForgeRESTDialect/gitea``.
    ///   - apiURL: the REST base, e.g. `https://api.github.com`, `https://ghe.example.com/api/v3` or
    ///     `https://gitea.example.com/api/v1`.
    ///   - repository: the repository to work on.
    ///   - token: the token; it leaves the process only in the `Authorization` header.
    ///   - configuration: timeouts and retry policy; its authorization and the dialect's headers are replaced.
    public init(
        dialect: ForgeRESTDialect, apiURL: URL, repository: RepositorySlug, token: Secret,
        configuration: HTTPClient.Configuration = .init()
    ) {
        rest = ForgeREST(
            dialect: dialect, apiURL: apiURL, repository: repository, token: token, configuration: configuration)
    }

    public func repositoryInfo() async throws(ForgeError) -> RepositoryInfo { try await rest.repositoryInfo() }

    public func issue(_ number: Int) async throws(ForgeError) -> Issue { try await rest.issue(number) }

    public func comments(onIssue number: Int) async throws(ForgeError) -> [IssueComment] {
        try await rest.comments(onIssue: number)
    }

    public func createComment(onIssue number: Int, body: String) async throws(ForgeError) -> IssueComment {
        try await rest.createComment(onIssue: number, body: body)
    }

    public func updateComment(id: Int, body: String) async throws(ForgeError) -> IssueComment {
        try await rest.updateComment(id: id, body: body)
    }

    public func labels(onIssue number: Int) async throws(ForgeError) -> [Label] {
        try await rest.labels(onIssue: number)
    }

    public func addLabels(_ names: [String], toIssue number: Int) async throws(ForgeError) -> [Label] {
        try await rest.addLabels(names, toIssue: number)
    }

    /// Addressed by name or by id per ``ForgeRESTDialect/labelAddress``; see the protocol for the contract.
    public func removeLabel(_ name: String, fromIssue number: Int) async throws(ForgeError) {
        try await rest.removeLabel(name, fromIssue: number)
    }

    /// Filtered by head on the server where the dialect can, and always checked again here.
    public func pullRequests(head: String?, state: PullRequestStateFilter) async throws(ForgeError)
        -> [PullRequest]
    {
        try await rest.pullRequests(head: head, state: state)
    }

    /// ``NewPullRequest/isDraft`` is sent only where the dialect has a draft flag (not on Gitea).
    public func createPullRequest(_ pullRequest: NewPullRequest) async throws(ForgeError) -> PullRequest {
        let body = PullRequestCreation(
            title: pullRequest.title, head: pullRequest.head, base: pullRequest.base, body: pullRequest.body,
            draft: dialect.sendsDraftFlag ? pullRequest.isDraft : nil)
        return try await rest.createPullRequest(
            head: pullRequest.head, body: body,
            APIOperation("open a pull request from \(pullRequest.head)", needs: .writePullRequests))
    }

    public func pullRequest(_ number: Int) async throws(ForgeError) -> PullRequest {
        try await rest.pullRequest(number)
    }

    public func updatePullRequest(_ number: Int, _ update: PullRequestUpdate) async throws(ForgeError)
        -> PullRequest
    {
        try await rest.updatePullRequest(number, update)
    }

    /// On GitHub ``CommitStatusState/gitHubEquivalent`` is sent, since it has no `warning` or `skipped`.
    public func createStatus(_ status: NewCommitStatus, sha: String) async throws(ForgeError) -> CommitStatus {
        try await rest.createStatus(status, sha: sha)
    }

    public func combinedStatus(ref: String) async throws(ForgeError) -> CombinedStatus {
        try await rest.combinedStatus(ref: ref)
    }

    public func permission(of login: String) async throws(ForgeError) -> PermissionLevel {
        try await rest.permission(of: login)
    }

    public func currentUser() async throws(ForgeError) -> Account? { try await rest.currentUser() }

    public func dispatchWorkflow(_ workflow: String, ref: String, inputs: [String: String]) async throws(ForgeError) {
        try await rest.dispatchWorkflow(workflow, ref: ref, inputs: inputs)
    }
}
