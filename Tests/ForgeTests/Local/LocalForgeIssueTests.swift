import Actions
import Forge
import Foundation
import Testing

/// Issues and comments: numbering, authors, round trips and missing numbers.
@Suite struct LocalForgeIssueTests {
    @Test func anOpenedIssueReadsBackWithItsLabelsAndAuthor() async throws {
        try await withLocalForge { forge in
            let opened = try await forge.openIssue(
                title: "Add a flag", body: "Please.", author: "alice", labels: ["conveyor", "bug"])

            let issue = try await forge.issue(opened.number)
            #expect(issue == opened)
            #expect(issue.number == 1)
            #expect(issue.title == "Add a flag" && issue.body == "Please." && issue.state == .open)
            #expect(issue.author == Account(login: "alice", kind: .user))
            #expect(issue.labels.map(\.name) == ["conveyor", "bug"])
            #expect(!issue.isPullRequest)
        }
    }

    @Test func issuesAndPullRequestsShareOneNumbering() async throws {
        try await withLocalForge { forge in
            let first = try await forge.openIssue(title: "One", author: "alice")
            let pull = try await forge.createPullRequest(NewPullRequest(title: "Two", head: "work", base: "main"))
            let third = try await forge.openIssue(title: "Three", author: "bob")

            let numbers: [Int] = [first.number, pull.number, third.number]
            #expect(numbers == [1, 2, 3])
            let pullAsIssue = try await forge.issue(pull.number)
            #expect(pullAsIssue.isPullRequest)
            #expect(pullAsIssue.author.login == LocalForge.defaultAuthor)
        }
    }

    @Test func commentsRoundTripWithGrowingIdsAndTheirAuthors() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice")
            let mine = try await forge.createComment(onIssue: issue.number, body: "On it.")
            let theirs = try await forge.createComment(
                onIssue: issue.number, body: "/conveyor approve", author: "alice")
            let edited = try await forge.updateComment(id: mine.id, body: "Done.")

            #expect(theirs.id > mine.id)
            #expect(mine.author.login == "conveyor[bot]" && mine.author.isBot)
            #expect(edited.id == mine.id && edited.body == "Done." && edited.author == mine.author)
            let comments = try await forge.comments(onIssue: issue.number)
            #expect(comments.map(\.body) == ["Done.", "/conveyor approve"])
            #expect(comments.map(\.author.login) == ["conveyor[bot]", "alice"])
            #expect(try await forge.findComment(onIssue: issue.number, containing: "approve") == theirs)
        }
    }

    @Test func aMissingIssueOrCommentIsNotFound() async throws {
        try await withLocalForge { forge in
            let errors = [
                await failure { try await forge.issue(9) },
                await failure { try await forge.comments(onIssue: 9) },
                await failure { try await forge.createComment(onIssue: 9, body: "hi") },
                await failure { try await forge.labels(onIssue: 9) },
                await failure { try await forge.addLabels(["bug"], toIssue: 9) },
                await failure { try await forge.removeLabel("bug", fromIssue: 9) },
                await failure { try await forge.updateComment(id: 4, body: "x") },
                await failure { try await forge.pullRequest(9) },
            ]
            #expect(errors.map { $0?.code } == Array(repeating: .notFound, count: errors.count))
            let error = try #require(errors.first ?? nil)
            #expect(
                error.description
                    == "Could not read issue #9 in GitHub repository octo-org/hello. "
                    + "Issue #9 does not exist in the local forge.")
        }
    }

    @Test func anIssueIsNotAPullRequest() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice")
            let error = await failure { try await forge.pullRequest(issue.number) }
            #expect(error?.code == .notFound)
        }
    }

    @Test func emptyBodiesAndTitlesAreRejectedAsTheForgesDo() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice")
            #expect(
                await failure { try await forge.createComment(onIssue: issue.number, body: "") }?.code
                    == .invalidRequest)
            #expect(await failure { try await forge.openIssue(title: "", author: "alice") }?.code == .invalidRequest)
            #expect(try await forge.comments(onIssue: issue.number).isEmpty)
        }
    }

    @Test func anIssueIsEditedAndAnEditThatChangesNothingIsNotLogged() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Release 2.7.0", body: "The train.", author: "alice")
            let renamed = try await forge.updateIssue(issue.number, IssueUpdate(title: "Release 2.8.0"))
            #expect(renamed.title == "Release 2.8.0" && renamed.body == "The train." && renamed.author == issue.author)
            _ = try await forge.updateIssue(issue.number, IssueUpdate(title: "Release 2.8.0"))
            let edited = try await forge.updateIssue(issue.number, IssueUpdate(body: "Renamed."))
            #expect(try await forge.issue(issue.number) == edited)
            #expect(edited.title == "Release 2.8.0" && edited.body == "Renamed.")
            let edits = try await forge.snapshot().events.filter { $0.action == "issue.edited" }
            #expect(edits.count == 2)
            #expect(
                await failure { try await forge.updateIssue(issue.number, IssueUpdate(title: "")) }?.code
                    == .invalidRequest)
            #expect(await failure { try await forge.updateIssue(9, IssueUpdate(title: "x")) }?.code == .notFound)
        }
    }

    @Test func linksUseTheWebBaseWhenGivenAndTheFileOtherwise() async throws {
        let base = try #require(URL(string: "https://forge.example/"))
        try await withLocalForge(kind: .gitea, webBaseURL: base) { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice")
            let comment = try await forge.createComment(onIssue: issue.number, body: "Hi")
            let pull = try await forge.createPullRequest(NewPullRequest(title: "Work", head: "work", base: "main"))

            #expect(comment.htmlURL == "https://forge.example/octo-org/hello/issues/1#issuecomment-\(comment.id)")
            #expect(pull.htmlURL == "https://forge.example/octo-org/hello/pulls/2")
            #expect(try await forge.repositoryInfo().htmlURL == "https://forge.example/octo-org/hello")
        }
        try await withLocalForge { forge in
            let pull = try await forge.createPullRequest(NewPullRequest(title: "Work", head: "work", base: "main"))
            #expect(pull.htmlURL == forge.file.absoluteString + "#pull-1")
            #expect(try await forge.repositoryInfo().htmlURL == forge.file.absoluteString)
        }
    }
}
