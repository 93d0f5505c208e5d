import Foundation

extension LocalForgeDocument {
    /// The position of issue (or pull request) `number` in ``issues``.
    func issueIndex(_ number: Int) throws(LocalForgeFailure) -> Int {
        guard let index = issues.firstIndex(where: { $0.number == number }) else { throw .noIssue(number) }
        return index
    }

    /// Opens an issue, or the issue side of a pull request, with the next number.
    mutating func openIssue(
        title: String, body: String, author: String, labels names: [String], isPullRequest: Bool, at date: Date
    ) throws(LocalForgeFailure) -> IssueEntry {
        try LocalForgeFailure.require(title, "title")
        try LocalForgeFailure.require(author, "author login")
        counters.lastNumber += 1
        let issue = IssueEntry(
            number: counters.lastNumber, title: title, body: body, state: .open, author: author, labels: [],
            isPullRequest: isPullRequest, createdAt: date)
        issues.append(issue)
        let kind = isPullRequest ? "pull_request" : "issue"
        log("\(kind).opened", "#\(issue.number) \"\(title)\" by \(author)", at: date)
        if !names.isEmpty { _ = try addLabels(names, toIssue: issue.number, by: author, at: date) }
        return issues[issues.count - 1]
    }

    /// Applies `update`'s title and body to issue `number`; logs `issue.edited` only when something changed.
    mutating func updateIssue(
        _ number: Int, _ update: IssueUpdate, by actor: String, at date: Date
    ) throws(LocalForgeFailure) {
        let index = try issueIndex(number)
        if let title = update.title { try LocalForgeFailure.require(title, "title") }
        let before = issues[index]
        issues[index].title = update.title ?? before.title
        issues[index].body = update.body ?? before.body
        guard issues[index].title != before.title || issues[index].body != before.body else { return }
        log("issue.edited", "#\(number) by \(actor)", at: date)
    }

    /// The comments on issue `number`, oldest first.
    func comments(onIssue number: Int) throws(LocalForgeFailure) -> [CommentEntry] {
        _ = try issueIndex(number)
        return comments.filter { $0.issue == number }
    }

    /// Adds a comment by `author` to issue `number`, with the next comment id.
    mutating func addComment(
        onIssue number: Int, body: String, by author: String, at date: Date
    ) throws(LocalForgeFailure) -> CommentEntry {
        _ = try issueIndex(number)
        try LocalForgeFailure.require(body, "comment body")
        counters.lastCommentID += 1
        let comment = CommentEntry(
            id: counters.lastCommentID, issue: number, author: author, body: body, createdAt: date, updatedAt: date)
        comments.append(comment)
        log("comment.created", "#\(comment.id) on issue #\(number) by \(author)", at: date)
        return comment
    }

    /// Replaces the body of comment `id`; its author stays who wrote it.
    mutating func updateComment(
        id: Int, body: String, by actor: String, at date: Date
    ) throws(LocalForgeFailure) -> CommentEntry {
        guard let index = comments.firstIndex(where: { $0.id == id }) else {
            throw LocalForgeFailure(.notFound, "Comment #\(id) does not exist in the local forge.")
        }
        try LocalForgeFailure.require(body, "comment body")
        comments[index].body = body
        comments[index].updatedAt = date
        log("comment.updated", "#\(id) on issue #\(comments[index].issue) by \(actor)", at: date)
        return comments[index]
    }
}
