import Actions
import ConveyorTestSupport
import Forge
import Foundation
import Testing

/// Pull requests: create, list by head branch, get, update; on both dialects.
@Suite struct PullRequestOperationTests {
    @Test(arguments: ForgeKind.allCases)
    func aPullRequestIsCreatedListedByHeadReadAndUpdated(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            await forge.seedPull(title: "Someone else's work", head: "feature/other")

            let created = try await client.createPullRequest(
                NewPullRequest(title: "Conveyor: #7", head: "conveyor/7-crash", base: "main", body: "Closes #7"))
            #expect(created.head == "conveyor/7-crash")
            #expect(created.base == "main")
            #expect(created.state == .open)
            #expect(!created.headSHA.isEmpty)

            let listed = try await client.pullRequests(head: "conveyor/7-crash")
            #expect(listed.map(\.number) == [created.number])
            #expect(try await client.pullRequests().count == 2)

            let read = try await client.pullRequest(created.number)
            #expect(read == created)

            let renamed = try await client.updatePullRequest(
                created.number, PullRequestUpdate(title: "Conveyor: #7 (ready)", body: "Updated"))
            #expect(renamed.title == "Conveyor: #7 (ready)")
            #expect(renamed.body == "Updated")

            let closed = try await client.updatePullRequest(created.number, PullRequestUpdate(state: .closed))
            #expect(closed.state == .closed)
            #expect(try await client.pullRequests(head: "conveyor/7-crash").isEmpty)
            #expect(
                try await client.pullRequests(head: "conveyor/7-crash", state: .all).map(\.number) == [created.number])
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func theDraftFlagIsSentToGitHubOnly(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)

            let created = try await client.createPullRequest(
                NewPullRequest(title: "Draft", head: "conveyor/8-draft", base: "main", isDraft: true))

            let body = try #require(await forge.exchanges(.createPull, kind).first?.requestBody)
            let sent = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            #expect((sent["draft"] != nil) == (kind == .github))
            #expect(created.isDraft == (kind == .github))
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func pullRequestsAreListedAcrossPages(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            for index in 1...55 { await forge.seedPull(title: "PR \(index)", head: "topic-\(index)") }

            let pulls = try await client.pullRequests()

            #expect(pulls.count == 55)
            #expect(Set(pulls.map(\.head)).count == 55)
            #expect(await forge.requestCount(.listPulls) == (kind == .github ? 1 : 2))
        }
    }
}
