import Foundation

extension FakeForge {
    // MARK: - A person editing the issue

    /// Renames issue `number`, as its author would in the web page.
    public func retitle(issue number: Int, to title: String) async {
        await state.editIssue(owner: owner, repo: repo, number: number) { $0.title = title }
    }
}

extension ForgeState {
    /// Applies `change` to issue `number` and marks it updated now; nothing when there is no such issue.
    func editIssue(owner: String, repo: String, number: Int, _ change: (inout ForgeIssue) -> Void) {
        _ = withRepository(owner, repo) { repository in
            guard var issue = repository.issues[number] else { return }
            change(&issue)
            issue.updatedAt = Date()
            repository.issues[number] = issue
        }
    }
}
