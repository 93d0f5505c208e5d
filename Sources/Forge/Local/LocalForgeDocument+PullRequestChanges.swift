import Actions
import Foundation

extension LocalForgeDocument {
    /// The position of pull request `number` in ``pullRequests``.
    func pullRequestIndex(_ number: Int) throws(LocalForgeFailure) -> Int {
        guard let index = pullRequests.firstIndex(where: { $0.number == number }) else { throw .noPullRequest(number) }
        return index
    }

    /// The numbers of the pull requests in `state`, newest first; with `head`, only from that branch.
    func pullRequestNumbers(head: String?, state: PullRequestStateFilter) -> [Int] {
        let wanted = pullRequests.filter { pull in
            guard head == nil || pull.head == head else { return false }
            guard let issue = issues.first(where: { $0.number == pull.number }) else { return false }
            return state == .all || issue.state.rawValue == state.rawValue
        }
        return wanted.map(\.number).sorted(by: >)
    }

    /// Opens a pull request by `author` with the next number; its head SHA is the last recorded push
    /// of its head branch. Like the real forges, refuses a second open pull request for the same branches.
    mutating func openPullRequest(
        _ request: NewPullRequest, kind: ForgeKind, by author: String, at date: Date
    ) throws(LocalForgeFailure) -> Int {
        try LocalForgeFailure.require(request.head, "head branch")
        try LocalForgeFailure.require(request.base, "base branch")
        guard request.head != request.base else {
            throw LocalForgeFailure(
                .rejected, "The head and base branches are both \(request.head); there is nothing to merge.")
        }
        if let open = pullRequestNumbers(head: request.head, state: .open).first(where: { number in
            pullRequests.contains { $0.number == number && $0.base == request.base }
        }) {
            throw LocalForgeFailure(
                .rejected, "Pull request #\(open) from \(request.head) into \(request.base) is already open.",
                remedy: "Update it instead of opening another.")
        }
        let issue = try openIssue(
            title: request.title, body: request.body, author: author, labels: [], isPullRequest: true, at: date)
        pullRequests.append(
            PullRequestEntry(
                number: issue.number, head: request.head, base: request.base, headSHA: branches[request.head] ?? "",
                merged: false, draft: kind == .github && request.isDraft))
        return issue.number
    }

    /// Applies `update`'s title, body and state to pull request `number`.
    mutating func updatePullRequest(
        _ number: Int, _ update: PullRequestUpdate, by actor: String, at date: Date
    ) throws(LocalForgeFailure) {
        let pull = pullRequests[try pullRequestIndex(number)]
        let index = try issueIndex(number)
        if let title = update.title {
            try LocalForgeFailure.require(title, "title")
            issues[index].title = title
        }
        if let body = update.body { issues[index].body = body }
        if update.title != nil || update.body != nil { log("pull_request.edited", "#\(number) by \(actor)", at: date) }
        guard let state = update.state, state != issues[index].state else { return }
        if state == .open && pull.merged {
            throw LocalForgeFailure(.rejected, "Pull request #\(number) is merged and cannot be reopened.")
        }
        issues[index].state = state
        log(state == .open ? "pull_request.reopened" : "pull_request.closed", "#\(number) by \(actor)", at: date)
    }

    /// Merges open pull request `number`, which closes it.
    mutating func mergePullRequest(_ number: Int, by actor: String, at date: Date) throws(LocalForgeFailure) {
        let pullIndex = try pullRequestIndex(number)
        let index = try issueIndex(number)
        guard issues[index].state == .open else {
            throw LocalForgeFailure(.rejected, "Pull request #\(number) is closed and cannot be merged.")
        }
        pullRequests[pullIndex].merged = true
        issues[index].state = .closed
        let pull = pullRequests[pullIndex]
        log("pull_request.merged", "#\(number) \(pull.head) into \(pull.base) by \(actor)", at: date)
    }

    /// Records that `branch` now points at `sha`, moving the head SHA of its open pull requests.
    mutating func recordPush(branch: String, sha: String, by actor: String, at date: Date) throws(LocalForgeFailure) {
        try LocalForgeFailure.require(branch, "branch")
        try LocalForgeFailure.require(sha, "commit SHA")
        branches[branch] = sha
        for number in pullRequestNumbers(head: branch, state: .open) {
            pullRequests[try pullRequestIndex(number)].headSHA = sha
        }
        log("branch.pushed", "\(branch) at \(sha) by \(actor)", at: date)
    }
}
