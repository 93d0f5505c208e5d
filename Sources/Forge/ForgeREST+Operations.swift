import Actions
import Foundation
import HTTP

/// The calls of ``ForgeRESTClient``; where the forges differ, the fork follows a ``ForgeRESTDialect`` field.
extension ForgeREST {
    func repositoryInfo() async throws(ForgeError) -> RepositoryInfo {
        try await get(RepositoryInfo.self, [], APIOperation("read the repository", needs: .readRepository))
    }

    func issue(_ number: Int) async throws(ForgeError) -> Issue {
        try await get(
            Issue.self, ["issues", String(number)], APIOperation("read issue #\(number)", needs: .readIssues))
    }

    /// Created once (``create(_:body:decoding:_:existing:)``): before a retry, the newest comment whose body is
    /// `body` (line endings and trailing white space aside) counts as this write having happened.
    func createComment(onIssue number: Int, body: String) async throws(ForgeError) -> IssueComment {
        let wanted = Self.comparable(body)
        return try await create(
            ["issues", String(number), "comments"], body: ["body": body], decoding: IssueComment.self,
            APIOperation("comment on issue #\(number)", needs: .writeIssues)
        ) { () async throws(ForgeError) -> IssueComment? in
            try await comments(onIssue: number).last { Self.comparable($0.body) == wanted }
        }
    }

    /// A pull request from `head`, created once: before a retry, and after an "already exists" answer, the
    /// open pull request from `head` is the result.
    func createPullRequest(head: String, body: some Encodable, _ operation: APIOperation) async throws(ForgeError)
        -> PullRequest
    {
        try await create(["pulls"], body: body, decoding: PullRequest.self, operation) {
            () async throws(ForgeError) -> PullRequest? in
            try await pullRequests(head: head, state: .open).first
        }
    }

    /// The pull requests in `state`, from `head` when given: filtered on the server where the dialect can
    /// (``ForgeRESTDialect/filtersPullRequestsByHead``), and always checked again here.
    func pullRequests(head: String?, state: PullRequestStateFilter) async throws(ForgeError) -> [PullRequest] {
        let pulls = try await list(
            PullRequest.self, ["pulls"],
            query: [("state", state.rawValue)] + dialect.headQuery(head, owner: repository.owner),
            APIOperation("list pull requests", needs: .readPullRequests))
        return pulls.filter { head == nil || $0.head == head }
    }

    /// A comment body as both forges may hand it back: `\r\n` as `\n`, without trailing white space.
    static func comparable(_ body: String) -> String {
        var text = body.replacingOccurrences(of: "\r\n", with: "\n")
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    func updateComment(id: Int, body: String) async throws(ForgeError) -> IssueComment {
        try await send(
            .patch, ["issues", "comments", String(id)], body: ["body": body], decoding: IssueComment.self,
            APIOperation("edit comment \(id)", needs: .writeIssues))
    }

    /// Both forges take `{"labels": [names]}` (Gitea also takes ids).
    func addLabels(_ names: [String], toIssue number: Int) async throws(ForgeError) -> [Label] {
        let list = names.joined(separator: ", ")
        let operation = APIOperation("add the labels \(list) to issue #\(number)", needs: .writeIssues)
        guard !names.isEmpty else { return try await labels(onIssue: number, operation) }
        return try await send(
            .post, ["issues", String(number), "labels"], body: ["labels": names], decoding: [Label].self, operation)
    }

    /// The labels on issue `number`. GitHub pages them; Gitea sends them all at once (its endpoint takes
    /// no page parameters), so only `Link` headers are followed, never guessed page numbers.
    func labels(onIssue number: Int, _ operation: APIOperation? = nil) async throws(ForgeError) -> [Label] {
        try await list(
            Label.self, ["issues", String(number), "labels"], paging: .github, pageSize: dialect.issueListPageSize,
            operation ?? APIOperation("list the labels of issue #\(number)", needs: .readIssues))
    }

    /// Removes the label named `name` from issue `number`; a label that is not there counts as removed.
    ///
    /// Addressed by name (GitHub): `DELETE …/labels/{name}`; GitHub answers 404 both when the label is not on
    /// the issue and when the issue does not exist, so after a 404 the issue's labels are read, which fails in
    /// the second case. Addressed by id (Gitea): the issue's labels are read to find the id, then
    /// `DELETE …/labels/{id}`; a label gone by the time of the delete (404) counts as removed.
    func removeLabel(_ name: String, fromIssue number: Int) async throws(ForgeError) {
        let operation = APIOperation("remove the label \(name) from issue #\(number)", needs: .writeIssues)
        try requireName(name, "label name", operation)
        let path = ["issues", String(number), "labels"]
        switch dialect.labelAddress {
        case .name:
            let status = try await delete(path + [name], tolerating: [404], operation)
            if status == 404 { _ = try await labels(onIssue: number, operation) }
        case .id:
            guard let label = try await labels(onIssue: number, operation).first(where: { $0.isNamed(name) }) else {
                return
            }
            try await delete(path + [dialect.pathSegment(of: label)], tolerating: [404], operation)
        }
    }

    /// The comments on issue `number`, paged like ``labels(onIssue:_:)``: Gitea's endpoint takes no page
    /// parameters and answers with every comment.
    func comments(onIssue number: Int) async throws(ForgeError) -> [IssueComment] {
        try await list(
            IssueComment.self, ["issues", String(number), "comments"], paging: .github,
            pageSize: dialect.issueListPageSize,
            APIOperation("list the comments of issue #\(number)", needs: .readIssues))
    }

    func pullRequest(_ number: Int) async throws(ForgeError) -> PullRequest {
        try await get(
            PullRequest.self, ["pulls", String(number)],
            APIOperation("read pull request #\(number)", needs: .readPullRequests))
    }

    func updatePullRequest(_ number: Int, _ update: PullRequestUpdate) async throws(ForgeError) -> PullRequest {
        try await send(
            .patch, ["pulls", String(number)], body: update, decoding: PullRequest.self,
            APIOperation("update pull request #\(number)", needs: .writePullRequests))
    }

    func combinedStatus(ref: String) async throws(ForgeError) -> CombinedStatus {
        let operation = APIOperation("read the combined status of \(ref)", needs: .readStatuses)
        try requireName(ref, "ref", operation)
        return try await get(CombinedStatus.self, ["commits", ref, "status"], operation)
    }

    /// Sends the state the dialect keeps (``ForgeRESTDialect/sentState(_:)``): GitHub has no `warning` or `skipped`.
    func createStatus(_ status: NewCommitStatus, sha: String) async throws(ForgeError) -> CommitStatus {
        let body = status.body(sending: dialect.sentState(status.state))
        let operation = APIOperation("post status \(body.context) for commit \(sha)", needs: .writeStatuses)
        try requireName(sha, "commit SHA", operation)
        return try await send(.post, ["statuses", sha], body: body, decoding: CommitStatus.self, operation)
    }

    /// A 404 (no such user, or not a collaborator where the forge hides that) is `none`.
    func permission(of login: String) async throws(ForgeError) -> PermissionLevel {
        let operation = APIOperation("read the repository permission of \(login)", needs: .readRepository)
        try requireName(login, "login", operation)
        return try await perform(operation) {
            do {
                let request = HTTPRequest(url: try url(["collaborators", login, "permission"]))
                return try await http.json(CollaboratorPermission.self, request).level
            } catch let error as HTTPError where error.code == .status && error.status == 404 {
                return .none
            }
        }
    }

    func dispatchWorkflow(_ workflow: String, ref: String, inputs: [String: String]) async throws(ForgeError) {
        let operation = APIOperation("start workflow \(workflow) on \(ref)", needs: .writeActions)
        try requireName(workflow, "workflow", operation)
        try requireName(ref, "ref", operation)
        try await send(
            .post, ["actions", "workflows", workflow, "dispatches"], body: WorkflowDispatch(ref: ref, inputs: inputs),
            operation)
    }

    /// Throws ``ForgeError/Code/invalidRequest`` for an empty name, which would change the URL's shape.
    func requireName(_ value: String, _ what: String, _ operation: APIOperation) throws(ForgeError) {
        guard value.isEmpty else { return }
        throw failure(.invalidRequest, operation, detail: "The \(what) is empty; pass a non-empty \(what).")
    }
}

/// The JSON body of `POST …/actions/workflows/{id}/dispatches`.
private struct WorkflowDispatch: Encodable {
    let ref: String
    let inputs: [String: String]
}
