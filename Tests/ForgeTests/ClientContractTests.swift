import Actions
import ConveyorTestSupport
import Forge
import Testing

/// Every request the clients send, and every answer they read, against the corpus OpenAPI subsets.
@Suite struct ClientContractTests {
    @Test(arguments: ForgeKind.allCases)
    func everyOperationSpeaksTheDescribedAPI(kind: ForgeKind) async throws {
        let check = try ForgeContractCheck()
        try await withForge { forge in
            let client = try forge.client(kind)
            await forge.setPermission(user: "alice", level: .write)
            let issue = await forge.seedIssue(labels: ["bug"])
            let sha = String(repeating: "0c", count: 20)

            _ = try await client.repositoryInfo()
            _ = try await client.issue(issue)
            _ = try await client.updateIssue(issue, IssueUpdate(title: "Release 2.8.0", body: "The train."))
            let comment = try await client.createComment(onIssue: issue, body: "<!-- conveyor:status:1 -->")
            _ = try await client.updateComment(id: comment.id, body: "<!-- conveyor:status:1 --> done")
            _ = try await client.findComment(onIssue: issue, containing: "conveyor:status:1")
            _ = try await client.addLabels(["state:review"], toIssue: issue)
            try await client.removeLabel("bug", fromIssue: issue)
            try await client.removeLabel("absent", fromIssue: issue)
            let pull = try await client.createPullRequest(
                NewPullRequest(title: "Work", head: "conveyor/1-work", base: "main", body: "Body", isDraft: true))
            _ = try await client.pullRequests(head: "conveyor/1-work", state: .all)
            _ = try await client.pullRequest(pull.number)
            _ = try await client.updatePullRequest(pull.number, PullRequestUpdate(title: "Work v2", state: .closed))
            _ = try await client.createStatus(
                NewCommitStatus(
                    state: .warning, context: "conveyor/gate", description: "d", targetURL: "https://x.test"),
                sha: sha)
            _ = try await client.combinedStatus(ref: sha)
            _ = try await client.permission(of: "alice")
            try await client.dispatchWorkflow("conveyor.yml", ref: "main", inputs: ["issue": "1"])

            let exchanges = await forge.exchanges()
            #expect(exchanges.count >= 17)
            let violations = check.exchangeViolations(exchanges)
            #expect(violations.isEmpty, "\(violations.joined(separator: "\n\n"))")
        }
    }
}
