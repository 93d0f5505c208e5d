extension LocalForge {
    public func issue(_ number: Int) async throws(ForgeError) -> Issue {
        try await reading("read issue #\(number)") { document, links throws(LocalForgeFailure) in
            try document.issueModel(number, kind: links.kind)
        }
    }

    public func comments(onIssue number: Int) async throws(ForgeError) -> [IssueComment] {
        try await reading("list the comments of issue #\(number)") { document, links throws(LocalForgeFailure) in
            try document.comments(onIssue: number).map { $0.model(links: links) }
        }
    }

    public func createComment(onIssue number: Int, body: String) async throws(ForgeError) -> IssueComment {
        try await createComment(onIssue: number, body: body, author: author)
    }

    public func updateComment(id: Int, body: String) async throws(ForgeError) -> IssueComment {
        let author = author
        return try await changing("edit comment #\(id)") { document, date, links throws(LocalForgeFailure) in
            try document.updateComment(id: id, body: body, by: author, at: date).model(links: links)
        }
    }

    /// Edits issue (or pull request) `number` by ``author``; an update that changes nothing is not logged.
    public func updateIssue(_ number: Int, _ update: IssueUpdate) async throws(ForgeError) -> Issue {
        let author = author
        return try await changing("edit issue #\(number)") { document, date, links throws(LocalForgeFailure) in
            try document.updateIssue(number, update, by: author, at: date)
            return try document.issueModel(number, kind: links.kind)
        }
    }

    // MARK: - Seeding

    /// Opens an issue as `author` (a person in the simulation), with `labels` added by name.
    public func openIssue(
        title: String, body: String = "", author: String, labels: [String] = []
    ) async throws(ForgeError) -> Issue {
        try await changing("open an issue titled \"\(title)\"") { document, date, links throws(LocalForgeFailure) in
            let issue = try document.openIssue(
                title: title, body: body, author: author, labels: labels, isPullRequest: false, at: date)
            return try document.issueModel(issue.number, kind: links.kind)
        }
    }

    /// Posts a comment on issue `number` as `author`, e.g. a person answering Conveyor.
    public func createComment(onIssue number: Int, body: String, author: String) async throws(ForgeError)
        -> IssueComment
    {
        try await changing("comment on issue #\(number)") { document, date, links throws(LocalForgeFailure) in
            try document.addComment(onIssue: number, body: body, by: author, at: date).model(links: links)
        }
    }
}
