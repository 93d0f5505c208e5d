import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("Clone, commit and push over the loopback smart-HTTP server", .timeLimit(.minutes(2)))
struct CloneCommitPushTests {
    @Test("a nested-file commit pushed with a token shows up unchanged in the CLI's git log")
    func cloneCommitPush() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            #expect(try await clone.resolve("refs/remotes/origin/main") == fixture.initialCommit)

            let commit = try await clone.commit(
                ["reports/2024/summary.md": Data("All green.\n".utf8)], onto: "main",
                message: "Add the summary report", author: fixture.author)
            try GitConsistency.expectAgrees(
                clone.location, ref: "main", head: commit, parents: [fixture.initialCommit],
                subject: "Add the summary report", author: fixture.author)

            let outcome = try await clone.push(
                "main", to: "main", remote: fixture.remote, credentials: fixture.credentials)
            #expect(outcome == .pushed)
            try GitConsistency.expectAgrees(
                fixture.bare, ref: "main", head: commit, parents: [fixture.initialCommit],
                subject: "Add the summary report", author: fixture.author)
            let shown = try GitCLI.run(["-C", fixture.bare.path, "show", "main:reports/2024/summary.md"])
            #expect(shown == "All green.")
            let untouched = try GitCLI.run(["-C", fixture.bare.path, "show", "main:docs/guide/intro.md"])
            #expect(untouched == "Hello from the CLI.")
        }
    }

    @Test("a bare libgit2 clone can commit and push too")
    func bareClonePush() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("bare-work", bare: true)
            #expect(await clone.isBare)
            let commit = try await clone.commit(
                ["a/b/c.md": Data("deep\n".utf8), "a/b/d.md": Data("deeper\n".utf8), "a/e.md": Data("e\n".utf8)],
                removing: ["README.md"], onto: "main", message: "Reshape", author: fixture.author)
            #expect(
                try await clone.push("main", to: "main", remote: .named("origin"), credentials: fixture.credentials)
                    == .pushed)
            try GitConsistency.expectAgrees(
                fixture.bare, ref: "main", head: commit, parents: [fixture.initialCommit], subject: "Reshape",
                author: fixture.author)
            let files = try GitCLI.run(["-C", fixture.bare.path, "ls-tree", "-r", "--name-only", "main"])
            #expect(files.split(separator: "\n") == ["a/b/c.md", "a/b/d.md", "a/e.md", "docs/guide/intro.md"])
        }
    }
}
