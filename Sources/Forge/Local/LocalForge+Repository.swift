extension LocalForge {
    public func repositoryInfo() async throws(ForgeError) -> RepositoryInfo {
        try await reading("read the repository") { document, links throws(LocalForgeFailure) in
            document.repositoryInfo(links: links)
        }
    }

    /// Stores the status as the forge would: on GitHub as ``CommitStatusState/gitHubEquivalent``.
    public func createStatus(_ status: NewCommitStatus, sha: String) async throws(ForgeError) -> CommitStatus {
        let author = author
        return try await changing("post status \(status.context) for commit \(sha)") {
            document, date, links throws(LocalForgeFailure) in
            try document.addStatus(status, sha: sha, kind: links.kind, by: author, at: date).model
        }
    }

    /// The latest status per context of `ref` (a SHA, or a branch with a recorded push) and the overall
    /// state by the forge's rule (see ``LocalForgeDocument``'s statuses).
    public func combinedStatus(ref: String) async throws(ForgeError) -> CombinedStatus {
        try await reading("read the combined status of \(ref)") { document, links throws(LocalForgeFailure) in
            try LocalForgeFailure.require(ref, "ref")
            return document.combinedStatusModel(ref: ref, kind: links.kind)
        }
    }

    /// `login`'s permission from the forge's permissions; ``PermissionLevel/none`` when not listed.
    public func permission(of login: String) async throws(ForgeError) -> PermissionLevel {
        try await reading("read the repository permission of \(login)") { document, _ throws(LocalForgeFailure) in
            try LocalForgeFailure.require(login, "login")
            return document.permission(of: login)
        }
    }

    /// Records the dispatch in ``LocalForgeDocument/dispatches``; nothing runs it.
    /// ``author``, the identity the local forge writes as.
    public func currentUser() async throws(ForgeError) -> Account? { Account(login: author, kind: .bot) }

    public func dispatchWorkflow(_ workflow: String, ref: String, inputs: [String: String]) async throws(ForgeError) {
        let author = author
        try await changing("start workflow \(workflow) on \(ref)") { document, date, _ throws(LocalForgeFailure) in
            try document.addDispatch(workflow, ref: ref, inputs: inputs, by: author, at: date)
        }
    }

    // MARK: - Seeding

    /// Gives `login` the permission `level` on the repository.
    public func setPermission(_ level: PermissionLevel, for login: String) async throws(ForgeError) {
        try await changing("set the permission of \(login)") { document, date, _ throws(LocalForgeFailure) in
            try document.setPermission(level, for: login, at: date)
        }
    }
}
