import Foundation

extension FakeForge {
    // MARK: - Seeding

    /// Adds an issue to the repository and returns its number.
    @discardableResult
    public func seedIssue(
        title: String = "Something is broken", body: String? = "Steps to reproduce…", labels: [String] = [],
        author: String? = nil
    ) async -> Int {
        await state.seedIssue(
            owner: owner, repo: repo, title: title, body: body, labels: labels, author: author, pull: nil)
    }

    /// Adds an open pull request from `head` into `base` and returns its number.
    @discardableResult
    public func seedPull(title: String = "Fix the thing", head: String, base: String = "main", body: String? = nil)
        async -> Int
    {
        let pull = ForgePull(
            number: 0, head: head, base: base, headSHA: ForgeFormat.sha(for: head), merged: false, draft: false)
        return await state.seedIssue(
            owner: owner, repo: repo, title: title, body: body, labels: [], author: nil, pull: pull)
    }

    /// Adds an open pull request whose head and base are real commits (`headSHA`, `baseSHA`), from the repository
    /// itself or, with `forkOwner`, from that owner's fork of it; returns its number.
    @discardableResult
    public func seedPull(
        title: String = "Fix the thing", head: String, base: String = "main", headSHA: String, baseSHA: String,
        forkOwner: String? = nil, body: String? = nil, author: String? = nil
    ) async -> Int {
        let pull = ForgePull(
            number: 0, head: head, base: base, headSHA: headSHA, merged: false, draft: false, baseSHA: baseSHA,
            headOwner: forkOwner)
        return await state.seedIssue(
            owner: owner, repo: repo, title: title, body: body, labels: [], author: author, pull: pull)
    }

    /// Moves pull request `number`'s head to `sha`, as a push to its source branch does.
    public func setPullHead(_ number: Int, sha: String) async {
        await state.setPullHead(owner: owner, repo: repo, number: number, sha: sha)
    }

    /// Adds a comment to issue `issue` and returns the comment id.
    @discardableResult
    public func seedComment(issue: Int, body: String, author: String? = nil) async -> Int {
        await state.seedComment(owner: owner, repo: repo, issue: issue, body: body, author: author)
    }

    /// Adds a repository label (or returns the existing one of that name).
    @discardableResult
    public func seedLabel(_ name: String, color: String = "ededed", description: String? = nil) async -> ForgeLabel {
        await state.seedLabel(owner: owner, repo: repo, name: name, color: color, description: description)
    }

    /// Sets `user`'s permission on the repository (the owner is always `admin`).
    public func setPermission(user: String, level: ForgePermission) async {
        await state.setPermission(owner: owner, repo: repo, user: user, level: level)
    }

    /// Puts the label `name` on issue `number` (creating the repository label when missing), as a person would.
    public func addLabel(_ name: String, toIssue number: Int) async {
        await state.addIssueLabel(owner: owner, repo: repo, issue: number, name: name)
    }

    /// Sets what the job's token may do on the repository, as the `permissions` of `GET /repos/{owner}/{repo}`
    /// report it on both dialects (`admin` unless set): `.read` is a read-only token; `.noAccess` reports every flag
    /// false, which is what GitHub answers for a GitHub App installation token such as `GITHUB_TOKEN`.
    public func setTokenAccess(_ level: ForgePermission) async {
        await state.setTokenAccess(owner: owner, repo: repo, level: level)
    }

    // MARK: - Faults

    /// Queues `fault` for the next `times` requests on `route`.
    public func inject(_ fault: ForgeFault, on route: ForgeRoute, times: Int = 1) async {
        await state.injectFault(fault, on: route, times: times)
    }

    /// Queues `fault` for the next `times` requests of `operation`, in one dialect or (nil) both.
    public func inject(_ fault: ForgeFault, on operation: ForgeOperation, dialect: ForgeDialect? = nil, times: Int = 1)
        async
    {
        for route in Self.routes where route.operation == operation && (dialect == nil || route.dialect == dialect) {
            await state.injectFault(fault, on: route, times: times)
        }
    }

    // MARK: - Inspection

    /// The issue (or pull request) `number`.
    public func issue(_ number: Int) async -> ForgeIssue? {
        await state.repository(owner, repo)?.issues[number]
    }

    /// The comments on issue `issue`, oldest first.
    public func comments(issue: Int) async -> [ForgeComment] {
        await state.repository(owner, repo)?.comments(onIssue: issue) ?? []
    }

    /// The names of the labels on issue `issue`, in the order they were added.
    public func labels(issue: Int) async -> [String] {
        guard let repository = await state.repository(owner, repo), let found = repository.issues[issue] else {
            return []
        }
        return repository.labels(withIDs: found.labelIDs).map(\.name)
    }

    /// The pull requests, by number.
    public func pulls() async -> [ForgePull] {
        guard let repository = await state.repository(owner, repo) else { return [] }
        return repository.issues.values.compactMap(\.pull).sorted { $0.number < $1.number }
    }

    /// The statuses posted for `sha`, oldest first.
    public func statuses(sha: String) async -> [ForgeStatus] {
        await state.repository(owner, repo)?.statuses.filter { $0.sha == sha } ?? []
    }

    /// The workflow dispatches received, oldest first.
    public func dispatches() async -> [ForgeDispatch] {
        await state.repository(owner, repo)?.dispatches ?? []
    }

    /// Every request answered on a known route, oldest first.
    public func exchanges() async -> [RecordedExchange] {
        await state.recorded
    }

    /// How many requests reached `operation` (in one dialect or both), faults and 401s included.
    public func requestCount(_ operation: ForgeOperation, dialect: ForgeDialect? = nil) async -> Int {
        await state.requestCounts.filter {
            $0.key.operation == operation && (dialect == nil || $0.key.dialect == dialect)
        }
        .values.reduce(0, +)
    }

    /// How many distinct client connections (address and port) sent requests.
    public func connectionCount() async -> Int {
        await state.connections.count
    }

    /// The `Authorization` values of authorised requests, in order.
    public func receivedAuthorizations() async -> [String] {
        await state.authorizations
    }
}
