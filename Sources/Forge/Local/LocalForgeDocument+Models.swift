import Actions
import Foundation

/// The forge models a ``LocalForge`` returns, built from the document's entries.
extension LocalForgeDocument {
    /// Issue `number` as the real forges return it.
    func issueModel(_ number: Int, kind: ForgeKind) throws(LocalForgeFailure) -> Issue {
        let issue = issues[try issueIndex(number)]
        return Issue(
            number: issue.number, title: issue.title, body: issue.body, state: issue.state,
            labels: try labels(onIssue: number).map(\.model), author: Self.account(issue.author, kind: kind),
            isPullRequest: issue.isPullRequest)
    }

    /// Pull request `number` as the real forges return it.
    func pullRequestModel(_ number: Int, links: LocalForgeLinks) throws(LocalForgeFailure) -> PullRequest {
        let pull = pullRequests[try pullRequestIndex(number)]
        let issue = issues[try issueIndex(number)]
        var model = PullRequest(
            number: number, title: issue.title, body: issue.body, state: issue.state, isMerged: pull.merged,
            isDraft: pull.draft, head: pull.head, headSHA: pull.headSHA, base: pull.base,
            author: Self.account(issue.author, kind: links.kind), htmlURL: links.pullRequest(number))
        // The local forge keeps every branch in its one repository.
        model.headRepository = "\(repository.owner)/\(repository.name)"
        model.baseRepository = model.headRepository
        return model
    }

    /// The repository's facts.
    func repositoryInfo(links: LocalForgeLinks) -> RepositoryInfo {
        RepositoryInfo(
            fullName: "\(repository.owner)/\(repository.name)", defaultBranch: repository.defaultBranch,
            htmlURL: links.repositoryPage)
    }

    /// The combined status of `ref` by the forge's rule.
    func combinedStatusModel(ref: String, kind: ForgeKind) -> CombinedStatus {
        let sha = commit(forRef: ref)
        let latest = latestStatuses(sha: sha)
        return CombinedStatus(
            state: Self.combinedState(of: latest.map(\.state), kind: kind), sha: sha, statuses: latest.map(\.model))
    }

    /// An account as the forge reports it: GitHub says whether it is a bot or a user, Gitea does not.
    static func account(_ login: String, kind: ForgeKind) -> Account {
        guard kind == .github else { return Account(login: login) }
        return Account(login: login, kind: login.lowercased().hasSuffix("[bot]") ? .bot : .user)
    }
}

extension LocalForgeDocument.CommentEntry {
    /// The comment as the real forges return it.
    func model(links: LocalForgeLinks) -> IssueComment {
        IssueComment(
            id: id, body: body, author: LocalForgeDocument.account(author, kind: links.kind),
            htmlURL: links.comment(id, onIssue: issue))
    }
}

extension LocalForgeDocument.LabelEntry {
    /// The label as the real forges return it.
    var model: Label { Label(id: id, name: name, color: color, description: description) }
}

extension LocalForgeDocument.StatusEntry {
    /// The status as the real forges return it.
    var model: CommitStatus {
        CommitStatus(id: id, state: state, context: context, description: description, targetURL: targetURL)
    }
}
