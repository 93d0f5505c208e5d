extension LocalForge {
    public func pullRequests(head: String?, state: PullRequestStateFilter) async throws(ForgeError)
        -> [PullRequest]
    {
        try await reading("list pull requests") { document, links throws(LocalForgeFailure) in
            try document.pullRequestNumbers(head: head, state: state).map {
                number throws(LocalForgeFailure) in try document.pullRequestModel(number, links: links)
            }
        }
    }

    /// Opens the pull request by ``author``; its head SHA is the last push recorded for its head branch
    /// (see ``recordPush(branch:sha:)``), else empty. Drafts exist on GitHub only, as in the real API.
    public func createPullRequest(_ pullRequest: NewPullRequest) async throws(ForgeError) -> PullRequest {
        let author = author
        return try await changing("open a pull request from \(pullRequest.head)") {
            document, date, links throws(LocalForgeFailure) in
            let number = try document.openPullRequest(pullRequest, kind: links.kind, by: author, at: date)
            return try document.pullRequestModel(number, links: links)
        }
    }

    public func pullRequest(_ number: Int) async throws(ForgeError) -> PullRequest {
        try await reading("read pull request #\(number)") { document, links throws(LocalForgeFailure) in
            try document.pullRequestModel(number, links: links)
        }
    }

    public func updatePullRequest(_ number: Int, _ update: PullRequestUpdate) async throws(ForgeError)
        -> PullRequest
    {
        let author = author
        return try await changing("update pull request #\(number)") { document, date, links throws(LocalForgeFailure) in
            try document.updatePullRequest(number, update, by: author, at: date)
            return try document.pullRequestModel(number, links: links)
        }
    }

    // MARK: - Seeding

    /// Merges open pull request `number` as `login` (a person in the simulation), which closes it.
    public func mergePullRequest(_ number: Int, by login: String) async throws(ForgeError) -> PullRequest {
        try await changing("merge pull request #\(number)") { document, date, links throws(LocalForgeFailure) in
            try document.mergePullRequest(number, by: login, at: date)
            return try document.pullRequestModel(number, links: links)
        }
    }

    /// Records that `branch` was pushed to `sha` (by ``author``): open pull requests from it get that
    /// head SHA, and ``combinedStatus(ref:)`` resolves the branch name to it.
    public func recordPush(branch: String, sha: String) async throws(ForgeError) {
        let author = author
        try await changing("record a push of \(branch)") { document, date, _ throws(LocalForgeFailure) in
            try document.recordPush(branch: branch, sha: sha, by: author, at: date)
        }
    }
}
