extension ForgeRESTClient {
    public func openIssues(labels: [String]) async throws(ForgeError) -> [Issue] {
        try await rest.openIssues(labels: labels)
    }

    public func createIssue(title: String, body: String) async throws(ForgeError) -> Issue {
        try await rest.createIssue(title: title, body: body)
    }

    public func updateIssue(_ number: Int, _ update: IssueUpdate) async throws(ForgeError) -> Issue {
        try await rest.updateIssue(number, update)
    }

    public func milestones() async throws(ForgeError) -> [Milestone] { try await rest.milestones() }

    public func createMilestone(title: String, description: String) async throws(ForgeError) -> Milestone {
        try await rest.createMilestone(title: title, description: description)
    }

    public func tags() async throws(ForgeError) -> [RepositoryTag] { try await rest.tags() }
}
