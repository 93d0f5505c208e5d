import Actions
import Forge
import Testing

/// Pull requests: open, read, list with filters, update, merge, pushes and the forges' refusals.
@Suite struct LocalForgePullRequestTests {
    @Test func aPullRequestRoundTripsWithTheHeadOfTheLastPush() async throws {
        try await withLocalForge { forge in
            try await forge.recordPush(branch: "conveyor/7", sha: "abc123")
            let opened = try await forge.createPullRequest(
                NewPullRequest(title: "Add a flag", head: "conveyor/7", base: "main", body: "Closes #7", isDraft: true))

            #expect(try await forge.pullRequest(opened.number) == opened)
            #expect(opened.title == "Add a flag" && opened.body == "Closes #7" && opened.state == .open)
            #expect(opened.head == "conveyor/7" && opened.base == "main" && opened.headSHA == "abc123")
            #expect(opened.isDraft && !opened.isMerged && opened.author.login == "conveyor[bot]")

            try await forge.recordPush(branch: "conveyor/7", sha: "def456")
            #expect(try await forge.pullRequest(opened.number).headSHA == "def456")
        }
    }

    @Test func listingFiltersByHeadAndStateNewestFirst() async throws {
        try await withLocalForge { forge in
            let first = try await forge.createPullRequest(NewPullRequest(title: "A", head: "a", base: "main"))
            let second = try await forge.createPullRequest(NewPullRequest(title: "B", head: "b", base: "main"))
            let third = try await forge.createPullRequest(NewPullRequest(title: "A2", head: "a", base: "release"))
            _ = try await forge.updatePullRequest(second.number, PullRequestUpdate(state: .closed))

            #expect(try await forge.pullRequests().map(\.number) == [third.number, first.number])
            #expect(try await forge.pullRequests(head: "a").map(\.number) == [third.number, first.number])
            #expect(try await forge.pullRequests(head: "b").isEmpty)
            #expect(try await forge.pullRequests(head: "b", state: .closed).map(\.number) == [second.number])
            #expect(try await forge.pullRequests(head: nil, state: .all).count == 3)
        }
    }

    @Test func updatesChangeTitleBodyAndStateButAMergedOneStaysClosed() async throws {
        try await withLocalForge { forge in
            let opened = try await forge.createPullRequest(NewPullRequest(title: "Old", head: "work", base: "main"))

            let edited = try await forge.updatePullRequest(opened.number, PullRequestUpdate(title: "New", body: "Text"))
            let closed = try await forge.updatePullRequest(opened.number, PullRequestUpdate(state: .closed))
            let reopened = try await forge.updatePullRequest(opened.number, PullRequestUpdate(state: .open))
            let merged = try await forge.mergePullRequest(opened.number, by: "alice")

            #expect(edited.title == "New" && edited.body == "Text" && edited.state == .open)
            #expect(closed.state == .closed && reopened.state == .open)
            #expect(merged.isMerged && merged.state == .closed)
            #expect(try await forge.issue(opened.number).state == .closed)
            let error = await failure {
                try await forge.updatePullRequest(opened.number, PullRequestUpdate(state: .open))
            }
            #expect(error?.code == .rejected)
            let actions = try await forge.snapshot().events.map(\.action).filter { $0.hasPrefix("pull_request.") }
            #expect(
                actions == [
                    "pull_request.opened", "pull_request.edited", "pull_request.closed", "pull_request.reopened",
                    "pull_request.merged",
                ])
        }
    }

    @Test func aSecondOpenPullRequestForTheSameBranchesIsRejected() async throws {
        try await withLocalForge { forge in
            _ = try await forge.createPullRequest(NewPullRequest(title: "A", head: "work", base: "main"))
            let duplicate = await failure {
                try await forge.createPullRequest(NewPullRequest(title: "A again", head: "work", base: "main"))
            }
            let sameBranch = await failure {
                try await forge.createPullRequest(NewPullRequest(title: "Self", head: "main", base: "main"))
            }
            #expect(duplicate?.code == .rejected && sameBranch?.code == .rejected)
            #expect(try await forge.pullRequests(head: nil, state: .all).count == 1)
        }
    }

    @Test func giteaHasNoDraftFlag() async throws {
        try await withLocalForge(kind: .gitea) { forge in
            let opened = try await forge.createPullRequest(
                NewPullRequest(title: "A", head: "work", base: "main", isDraft: true))
            #expect(!opened.isDraft)
            #expect(opened.author.kind == .unknown)
        }
    }
}
