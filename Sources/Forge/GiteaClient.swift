import Actions
import Foundation
import HTTP

/// ``ForgeClient`` for Gitea and Forgejo (REST under `/api/v1`).
///
/// Sends `Authorization: token <token>`. Where Gitea differs from GitHub: a label is removed by its
/// numeric id (looked up on the issue first), pull requests cannot be filtered by head branch on the
/// server (they are filtered here), commit statuses keep `warning` and `skipped`, and a new pull
/// request has no draft flag.
public struct GiteaClient: ForgeClient {
    let rest: ForgeREST

    /// Always ``ForgeKind/gitea``.
    public var kind: ForgeKind { .gitea }
    /// The repository every call is about.
    public var repository: RepositorySlug { rest.repository }

    /// Creates a client; nothing is sent until the first call.
    ///
    /// - Parameters:
    ///   - apiURL: the REST base, ending in `/api/v1`, e.g. `https://gitea.example.com/api/v1`.
    ///   - repository: the repository to work on.
    ///   - token: the access token.
    ///   - configuration: timeouts and retry policy; its authorization is replaced.
    public init(
        apiURL: URL, repository: RepositorySlug, token: Secret, configuration: HTTPClient.Configuration = .init()
    ) {
        let http = HTTPClient(configuration: Self.httpConfiguration(token: token, base: configuration))
        rest = ForgeREST(kind: .gitea, apiURL: apiURL, repository: repository, http: http)
    }

    /// `base` with Gitea's authorization and `Accept: application/json` set.
    public static func httpConfiguration(token: Secret, base: HTTPClient.Configuration = .init())
        -> HTTPClient.Configuration
    {
        var configuration = base
        configuration.authorization = "token \(token.reveal())"
        configuration.defaultHeaders["Accept"] = "application/json"
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

    /// Reads the issue's labels to find the label's id, then `DELETE …/labels/{id}`. A label not on the
    /// issue, or gone by the time of the delete (404), counts as removed.
    public func removeLabel(_ name: String, fromIssue number: Int) async throws(ForgeError) {
        let operation = APIOperation("remove the label \(name) from issue #\(number)", needs: .writeIssues)
        try rest.requireName(name, "label name", operation)
        guard let label = try await rest.labels(onIssue: number, operation).first(where: { $0.isNamed(name) }) else {
            return
        }
        try await rest.delete(["issues", String(number), "labels", String(label.id)], tolerating: [404], operation)
    }

    /// Gitea cannot filter by head branch, so every pull request in `state` is read and filtered here.
    public func pullRequests(head: String?, state: PullRequestStateFilter) async throws(ForgeError)
        -> [PullRequest]
    {
        let pulls = try await rest.list(
            PullRequest.self, ["pulls"], query: [("state", state.rawValue)], paging: .gitea, pageSize: 50,
            APIOperation("list pull requests", needs: .readPullRequests))
        return pulls.filter { head == nil || $0.head == head }
    }

    /// ``NewPullRequest/isDraft`` is not sent: Gitea's API has no draft flag.
    public func createPullRequest(_ pullRequest: NewPullRequest) async throws(ForgeError) -> PullRequest {
        let body = PullRequestCreation(
            title: pullRequest.title, head: pullRequest.head, base: pullRequest.base, body: pullRequest.body,
            draft: nil)
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

    /// Sends the state as given, `warning` and `skipped` included.
    public func createStatus(_ status: NewCommitStatus, sha: String) async throws(ForgeError) -> CommitStatus {
        try await rest.createStatus(status.body(sending: status.state), sha: sha)
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
