import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("Reading blobs, creating branches and fetching refspecs", .timeLimit(.minutes(2)))
struct ReadAndFetchTests {
    @Test("readBlob returns a file's bytes at a ref, and nil for a path the commit lacks")
    func readBlob() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            #expect(try await clone.readBlob(at: "main", path: "README.md") == Data("# Project\n".utf8))
            #expect(
                try await clone.readBlob(at: "origin/main", path: "docs/guide/intro.md")
                    == Data("Hello from the CLI.\n".utf8))
            #expect(try await clone.readBlob(at: "main", path: "docs/guide/missing.md") == nil)
            #expect(try await clone.readBlob(at: "main", path: "nowhere/at/all.md") == nil)

            let empty = try await clone.commit(
                ["empty.txt": Data(), "bin/blob": Data([0, 1, 2, 255])], onto: "main", message: "Edge cases",
                author: fixture.author)
            try GitConsistency.expectAgrees(
                clone.location, ref: "main", head: empty, parents: [fixture.initialCommit], subject: "Edge cases",
                author: fixture.author)
            #expect(try await clone.readBlob(at: empty.description, path: "empty.txt") == Data())
            #expect(try await clone.readBlob(at: "main", path: "bin/blob") == Data([0, 1, 2, 255]))
            #expect(try await clone.readBlob(at: fixture.initialCommit.description, path: "empty.txt") == nil)
        }
    }

    @Test("createBranch points a new branch at the commit a ref names")
    func createBranch() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            let created = try await clone.createBranch("feature/x", from: "origin/main")
            #expect(created == fixture.initialCommit)
            #expect(try await clone.resolve("refs/heads/feature/x") == fixture.initialCommit)
            let onFeature = try await clone.commit(
                ["feature.md": Data("x\n".utf8)], onto: "feature/x", message: "Feature work", author: fixture.author)
            try GitConsistency.expectAgrees(
                clone.location, ref: "feature/x", head: onFeature, parents: [fixture.initialCommit],
                subject: "Feature work", author: fixture.author)
            #expect(try await clone.resolve("main") == fixture.initialCommit)
        }
    }

    @Test("fetching a refspec after another clone pushed updates the remote-tracking ref")
    func fetchRefspec() async throws {
        try await GitFixture.with { fixture in
            let reader = try await fixture.clone("reader")
            let writer = try await fixture.clone("writer")
            let pushed = try await writer.commit(
                ["news.md": Data("fresh\n".utf8)], onto: "main", message: "Fresh news", author: fixture.author)
            #expect(
                try await writer.push("main", to: "main", remote: fixture.remote, credentials: fixture.credentials)
                    == .pushed)

            #expect(try await reader.resolve("refs/remotes/origin/main") == fixture.initialCommit)
            try await reader.fetch(
                from: fixture.remote, refspecs: ["+refs/heads/main:refs/remotes/origin/main"],
                credentials: fixture.credentials)
            #expect(try await reader.resolve("refs/remotes/origin/main") == pushed)
            #expect(try await reader.readBlob(at: "refs/remotes/origin/main", path: "news.md") == Data("fresh\n".utf8))
            #expect(try await reader.resolve("main") == fixture.initialCommit)

            try await reader.fetch(
                from: .named("origin"), refspecs: ["+refs/heads/main:refs/remotes/mirror/main"],
                credentials: fixture.credentials)
            #expect(try await reader.resolve("refs/remotes/mirror/main") == pushed)
            try GitConsistency.expectAgrees(
                reader.location, ref: "refs/remotes/origin/main", head: pushed, parents: [fixture.initialCommit],
                subject: "Fresh news", author: fixture.author)
        }
    }
}
