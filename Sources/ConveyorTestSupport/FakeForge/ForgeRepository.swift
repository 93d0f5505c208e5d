import Foundation

/// Everything the fake forge stores for one repository.
struct ForgeRepository: Sendable {
    let id: Int
    let owner: String
    let name: String
    let defaultBranch = "main"
    var issues: [Int: ForgeIssue] = [:]
    var comments: [ForgeComment] = []
    var labels: [ForgeLabel] = []
    var statuses: [ForgeStatus] = []
    var permissions: [String: ForgePermission] = [:]
    /// What the job's token may do, as `GET /repos/{owner}/{repo}` reports it in `permissions`.
    var tokenAccess = ForgePermission.admin
    var dispatches: [ForgeDispatch] = []
    var nextNumber = 1
    /// Milestones, oldest first; GitHub numbers them per repository from 1.
    var milestones: [ForgeMilestone] = []
    /// Tags, newest first as both forges list them.
    var tags: [ForgeTag] = []

    var fullName: String { "\(owner)/\(name)" }

    /// `owner`'s fork of this repository, for the head of a pull request from a fork; this repository when nil.
    func fork(owner: String?) -> ForgeRepository {
        guard let owner, owner != self.owner else { return self }
        return ForgeRepository(id: id + 500_000, owner: owner, name: name)
    }

    /// The labels with these ids, in the given order.
    func labels(withIDs ids: [Int]) -> [ForgeLabel] {
        ids.compactMap { id in labels.first { $0.id == id } }
    }

    /// The comments on issue `number`, oldest first.
    func comments(onIssue number: Int) -> [ForgeComment] {
        comments.filter { $0.issueNumber == number }
    }

    /// The most recent status per context for `sha`, newest first.
    func latestStatuses(for sha: String) -> [ForgeStatus] {
        var seen = Set<String>()
        return statuses.filter { $0.sha == sha }.reversed().filter { seen.insert($0.context).inserted }
    }

    /// The combined state: failure if any failed or errored, else pending if any is pending (or
    /// there are none), else success.
    func combinedState(for sha: String) -> String {
        let states = Set(latestStatuses(for: sha).map(\.state))
        if states.contains("failure") || states.contains("error") { return "failure" }
        if states.isEmpty || states.contains("pending") { return "pending" }
        return "success"
    }
}
