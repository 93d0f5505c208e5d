import Actions
import Foundation
import HTTP

/// ``ForgeClient`` for github.com and GitHub Enterprise Server (REST API version 2022-11-28).
///
/// Sends `Authorization: Bearer <token>`, `Accept: application/vnd.github+json` and
/// `X-GitHub-Api-Version: 2022-11-28`; lists follow the `Link` header 100 items at a time.
public struct GitHubClient: ForgeClient {
    /// The REST API version this client is written against.
    public static let apiVersion = "2022-11-28"

    private let rest: ForgeREST

    /// Always ``ForgeKind/github``.
    public var kind: ForgeKind { .github }
    /// The repository every call is about.
    public var repository: RepositorySlug { rest.repository }

    /// Creates a client; nothing is sent until the first call.
    ///
    /// - Parameters:
    ///   - apiURL: the REST base, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`.
    ///   - repository: the repository to work on.
    ///   - token: the token, sent as a bearer token.
    ///   - configuration: timeouts and retry policy; its authorization and GitHub headers are replaced.
    public init(
        apiURL: URL, repository: RepositorySlug, token: Secret, configuration: HTTPClient.Configuration = .init()
    ) {
        let http = HTTPClient(configuration: Self.httpConfiguration(token: token, base: configuration))
        rest = ForgeREST(kind: .github, apiURL: apiURL, repository: repository, http: http)
    }

    /// `base` with GitHub's authorization and headers set.
    public static func httpConfiguration(token: Secret, base: HTTPClient.Configuration = .init())
        -> HTTPClient.Configuration
    {
        var configuration = base
        configuration.authorization = "Bearer \(token.reveal())"
        configuration.defaultHeaders["Accept"] = "application/vnd.github+json"
        configuration.defaultHeaders["X-GitHub-Api-Version"] = apiVersion
        return configuration
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

    /// `DELETE …/labels/{name}`. GitHub answers 404 both when the label is not on the issue and when
    /// the issue does not exist; after a 404 the issue's labels are read, which fails in the second case.
    public func removeLabel(_ name: String, fromIssue number: Int) async throws(ForgeError) {
        let operation = APIOperation("remove the label \(name) from issue #\(number)", needs: .writeIssues)
        try rest.requireName(name, "label name", operation)
        let status = try await rest.delete(["issues", String(number), "labels", name], tolerating: [404], operation)
        if status == 404 { _ = try await rest.labels(onIssue: number, operation) }
    }

    /// Asks GitHub to filter by `owner:head` and checks the branch name again locally.
    public func pullRequests(head: String?, state: PullRequestStateFilter) async throws(ForgeError)
        -> [PullRequest]
    {
        var query = [("state", state.rawValue)]
        if let head { query.append(("head", "\(repository.owner):\(head)")) }
        let pulls = try await rest.list(
            PullRequest.self, ["pulls"], query: query, paging: .github, pageSize: 100,
            APIOperation("list pull requests", needs: .readPullRequests))
        return pulls.filter { head == nil || $0.head == head }
    }

    public func createPullRequest(_ pullRequest: NewPullRequest) async throws(ForgeError) -> PullRequest {
        let body = PullRequestCreation(
            title: pullRequest.title, head: pullRequest.head, base: pullRequest.base, body: pullRequest.body,
            draft: pullRequest.isDraft)
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

    /// Sends ``CommitStatusState/gitHubEquivalent``, since GitHub has no `warning` or `skipped`.
    public func createStatus(_ status: NewCommitStatus, sha: String) async throws(ForgeError) -> CommitStatus {
        try await rest.createStatus(status.body(sending: status.state.gitHubEquivalent), sha: sha)
    }

    public func combinedStatus(ref: String) async throws(ForgeError) -> CombinedStatus {
        try await rest.combinedStatus(ref: ref)
    }

    public func checkRuns(ref: String) async throws(ForgeError) -> [CheckRun] {
        try await rest.checkRuns(ref: ref)
    }

    public func permission(of login: String) async throws(ForgeError) -> PermissionLevel {
        try await rest.permission(of: login)
    }

    public func currentUser() async throws(ForgeError) -> Account? { try await rest.currentUser() }

    public func dispatchWorkflow(_ workflow: String, ref: String, inputs: [String: String]) async throws(ForgeError) {
        try await rest.dispatchWorkflow(workflow, ref: ref, inputs: inputs)
    }
}
