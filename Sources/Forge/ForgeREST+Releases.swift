import Actions
import Foundation
import HTTP

/// Issues, milestones and tags: what the release train and the heartbeat read and create, alike on both forges.
extension ForgeREST {
    /// The open issues (never pull requests) carrying every label in `labels`, oldest first, every page.
    ///
    /// GitHub lists pull requests among issues (they carry `pull_request`), so they are dropped here; Gitea is
    /// asked for `type=issues`. Both take the label names comma-separated.
    func openIssues(labels: [String]) async throws(ForgeError) -> [Issue] {
        var query = [("state", "open"), ("sort", "created"), ("direction", "asc")]
        if kind == .gitea { query = [("state", "open"), ("type", "issues")] }
        if !labels.isEmpty { query.append(("labels", labels.joined(separator: ","))) }
        let issues = try await list(
            Issue.self, ["issues"], query: query, paging: dialect.paging, pageSize: dialect.pageSize,
            APIOperation("list the open issues", needs: .readIssues))
        return issues.filter { !$0.isPullRequest }.sorted { $0.number < $1.number }
    }

    /// Opens an issue, created once: before a retry, and after an "already exists" answer, the open issue with
    /// exactly this title is the result.
    func createIssue(title: String, body: String) async throws(ForgeError) -> Issue {
        let operation = APIOperation("open the issue \"\(title)\"", needs: .writeIssues)
        try requireName(title, "issue title", operation)
        return try await create(["issues"], body: ["title": title, "body": body], decoding: Issue.self, operation) {
            () async throws(ForgeError) -> Issue? in
            try await openIssues(labels: []).last { $0.title == title }
        }
    }

    /// Edits issue `number`; an empty title is refused before anything is sent. A `PATCH` sets fields to given
    /// values, so a retry after a lost answer does no harm.
    func updateIssue(_ number: Int, _ update: IssueUpdate) async throws(ForgeError) -> Issue {
        let operation = APIOperation("edit issue #\(number)", needs: .writeIssues)
        if let title = update.title { try requireName(title, "issue title", operation) }
        return try await send(.patch, ["issues", String(number)], body: update, decoding: Issue.self, operation)
    }

    /// Every milestone, open and closed.
    func milestones() async throws(ForgeError) -> [Milestone] {
        try await list(
            Milestone.self, ["milestones"], query: [("state", "all")], paging: dialect.paging,
            pageSize: dialect.pageSize,
            APIOperation("list the milestones", needs: .readIssues))
    }

    /// Creates the milestone `title`, created once: before a retry, and after an "already exists" answer, the
    /// milestone of that title is the result.
    func createMilestone(title: String, description: String) async throws(ForgeError) -> Milestone {
        let operation = APIOperation("create the milestone \(title)", needs: .writeIssues)
        try requireName(title, "milestone title", operation)
        return try await create(
            ["milestones"], body: ["title": title, "description": description], decoding: Milestone.self, operation
        ) { () async throws(ForgeError) -> Milestone? in
            try await milestones().first { $0.title == title }
        }
    }

    /// Every tag of the repository, in the forge's order (GitHub: newest ref name first; Gitea: newest first).
    func tags() async throws(ForgeError) -> [RepositoryTag] {
        try await list(
            RepositoryTag.self, ["tags"], paging: dialect.paging, pageSize: dialect.pageSize,
            APIOperation("list the tags", needs: .readRepository))
    }
}
