import Foundation

extension ForgeState {
    /// Adds an issue (or, with `pull`, a pull request) and returns its number.
    func seedIssue(
        owner: String, repo: String, title: String, body: String?, labels: [String], author: String?, pull: ForgePull?
    ) -> Int {
        let id = makeID()
        let labelIDs = labels.map {
            seedLabel(owner: owner, repo: repo, name: $0, color: "ededed", description: nil).id
        }
        return withRepository(owner, repo) { repository in
            let number = repository.nextNumber
            repository.nextNumber += 1
            let now = Date()
            var pullRecord = pull
            pullRecord?.number = number
            repository.issues[number] = ForgeIssue(
                number: number, id: id, title: title, body: body, state: "open", labelIDs: labelIDs,
                author: author ?? repository.owner, createdAt: now, updatedAt: now, pull: pullRecord)
            return number
        } ?? 0
    }

    /// Adds a comment to issue `number` and returns its id.
    func seedComment(owner: String, repo: String, issue number: Int, body: String, author: String?) -> Int {
        let id = makeID()
        withRepository(owner, repo) { repository in
            let now = Date()
            repository.comments.append(
                ForgeComment(
                    id: id, issueNumber: number, body: body, author: author ?? repository.owner, createdAt: now,
                    updatedAt: now))
        }
        return id
    }

    /// The repository label `name`, created when missing.
    @discardableResult
    func seedLabel(owner: String, repo: String, name: String, color: String, description: String?) -> ForgeLabel {
        let fresh = ForgeLabel(id: makeID(), name: name, color: color, description: description)
        return withRepository(owner, repo) { repository in
            if let existing = repository.labels.first(where: { $0.name == name }) { return existing }
            repository.labels.append(fresh)
            return fresh
        } ?? fresh
    }

    /// Puts the repository label `name` (created when missing) on issue `number`, as a person would.
    func addIssueLabel(owner: String, repo: String, issue number: Int, name: String) {
        let label = seedLabel(owner: owner, repo: repo, name: name, color: "ededed", description: nil)
        withRepository(owner, repo) { repository in
            guard var issue = repository.issues[number], !issue.labelIDs.contains(label.id) else { return }
            issue.labelIDs.append(label.id)
            repository.issues[number] = issue
        }
    }

    func setPullHead(owner: String, repo: String, number: Int, sha: String) {
        withRepository(owner, repo) { repository in
            repository.issues[number]?.pull?.headSHA = sha
            repository.issues[number]?.updatedAt = Date()
        }
    }

    func setTokenAccess(owner: String, repo: String, level: ForgePermission) {
        withRepository(owner, repo) { $0.tokenAccess = level }
    }

    func setPermission(owner: String, repo: String, user: String, level: ForgePermission) {
        withRepository(owner, repo) { $0.permissions[user] = level }
    }

    func repository(_ owner: String, _ repo: String) -> ForgeRepository? {
        repositories[Self.key(owner, repo)]
    }

    func injectFault(_ fault: ForgeFault, on route: ForgeRoute, times: Int) {
        faults.inject(fault, on: route, times: times)
    }
}
