import Actions
import ConveyorTestSupport
import Forge
import Foundation
import Testing

/// Issues, milestones and tags (the release train, the heartbeat) on both dialects.
@Suite struct ReleaseOperationTests {
    @Test(arguments: [ForgeKind.github, .gitea])
    func openIssuesAreListedAcrossPagesWithoutPullRequests(kind: ForgeKind) async throws {
        try await withForge { forge in
            for number in 1...120 {
                await forge.seedIssue(title: "Item \(number)", labels: number.isMultiple(of: 2) ? ["bug"] : [])
            }
            await forge.seedPull(head: "feature")
            let client = try forge.client(kind)
            let all = try await client.openIssues(labels: [])
            #expect(all.count == 120)
            #expect(all.map(\.number) == Array(1...120))
            let bugs = try await client.openIssues(labels: ["bug"])
            #expect(bugs.count == 60 && bugs.allSatisfy { $0.hasLabel("bug") })
            #expect(
                await forge.requestCount(.listIssues, dialect: ForgeDialect(kind)) == (kind == .github ? 2 + 1 : 3 + 2))
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func milestonesAndIssuesAreCreatedOnceAndTagsListed(kind: ForgeKind) async throws {
        try await withForge { forge in
            await forge.seedTag("v1.0.0")
            await forge.seedTag("v1.1.0")
            let client = try forge.client(kind)
            #expect(try await client.tags().map(\.name) == ["v1.1.0", "v1.0.0"])
            await forge.inject(.afterWrite(.dropConnection), on: .createMilestone, dialect: ForgeDialect(kind))
            let milestone = try await client.createMilestone(title: "1.2.0", description: "Release 1.2.0")
            #expect(milestone.title == "1.2.0" && milestone.state == .open)
            #expect(try await client.milestones().map(\.title) == ["1.2.0"])
            await forge.inject(.status(502), on: .createIssue, dialect: ForgeDialect(kind))
            let issue = try await client.createIssue(title: "Release 1.2.0", body: "The train.")
            #expect(issue.title == "Release 1.2.0" && issue.body == "The train.")
            #expect(try await client.openIssues(labels: []).filter { $0.title == "Release 1.2.0" }.count == 1)
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func anIssueIsRetitledAndAnEditWhoseAnswerWasLostIsSentAgainHarmlessly(kind: ForgeKind) async throws {
        try await withForge { forge in
            let number = await forge.seedIssue(title: "Release 2.7.0", body: "The train.")
            let client = try forge.client(kind)
            await forge.inject(.afterWrite(.dropConnection), on: .updateIssue, dialect: ForgeDialect(kind))
            let renamed = try await client.updateIssue(number, IssueUpdate(title: "Release 2.8.0"))
            #expect(renamed.number == number && renamed.title == "Release 2.8.0" && renamed.body == "The train.")
            #expect(await forge.issue(number)?.title == "Release 2.8.0")
            #expect(await forge.requestCount(.updateIssue, dialect: ForgeDialect(kind)) == 2)
            #expect(IssueUpdate(title: "Release 2.8.0").isApplied(to: renamed))
            #expect(!IssueUpdate(title: "Release 2.8.0", body: "Other").isApplied(to: renamed))

            let edited = try await client.updateIssue(number, IssueUpdate(body: "Renamed by the train."))
            #expect(edited.title == "Release 2.8.0" && edited.body == "Renamed by the train.")

            let empty = await forgeError { () async throws(ForgeError) in
                try await client.updateIssue(number, IssueUpdate(title: ""))
            }
            #expect(empty?.code == .invalidRequest)
            let missing = await forgeError { () async throws(ForgeError) in
                try await client.updateIssue(999, IssueUpdate(title: "Release 2.8.0"))
            }
            #expect(missing?.code == .notFound)
            #expect(await forge.requestCount(.updateIssue, dialect: ForgeDialect(kind)) == 4)
        }
    }
}
