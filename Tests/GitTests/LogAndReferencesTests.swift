import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("History, local references, remote deletions and up-front credentials", .timeLimit(.minutes(2)))
struct LogAndReferencesTests {
    @Test("log lists first-parent history newest first, as the git CLI does, up to the limit")
    func logMatchesTheCLI() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            var tip = fixture.initialCommit
            for index in 1...3 {
                tip = try await clone.commit(
                    ["n.md": Data("\(index)\n".utf8)], onto: "main", message: "Change \(index)\n\nBody.",
                    author: fixture.author)
            }
            let log = try await clone.log(from: tip, limit: 10)
            let cli = try GitCLI.run(["-C", clone.location.path, "rev-list", "--first-parent", "main"])
                .split(separator: "\n").map(String.init)
            #expect(log.map(\.id.description) == cli)
            #expect(log.map(\.summary) == ["Change 3", "Change 2", "Change 1", "Initial commit"])
            #expect(log.first?.parents == [log[1].id])
            #expect(log.last?.parents == [])
            #expect(try await clone.log(from: tip, limit: 2).count == 2)
        }
    }

    @Test("references under a prefix are listed and deleted locally; deleteRemoteReferences deletes on the remote")
    func referencesAndRemoteDeletion() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            for name in ["a", "b"] {
                _ = try await clone.commit(
                    ["\(name).json": Data("{}".utf8)], parent: nil, updating: "refs/conveyor/test/\(name)",
                    message: name, author: fixture.author)
                let pushed = try await clone.push(
                    "refs/conveyor/test/\(name)", to: "refs/conveyor/test/\(name)", remote: fixture.remote,
                    credentials: fixture.credentials)
                #expect(pushed == .pushed)
            }
            #expect(
                try await clone.references(under: "refs/conveyor/test/").map(\.name) == [
                    "refs/conveyor/test/a", "refs/conveyor/test/b",
                ])
            try await clone.deleteReferences(under: "refs/conveyor/test/")
            #expect(try await clone.references(under: "refs/conveyor/test/").isEmpty)
            #expect(try await clone.resolve("main") != nil, "other references stay")

            try await clone.deleteRemoteReferences(
                ["refs/conveyor/test/a"], remote: .url(try fixture.remote), credentials: fixture.credentials)
            let left = try GitCLI.run([
                "-C", fixture.bare.path, "for-each-ref", "--format=%(refname)", "refs/conveyor/",
            ])
            #expect(left.split(separator: "\n") == ["refs/conveyor/test/b"])
        }
    }

    @Test("a fetch with a token sends it up front: the server never has to answer 401 first")
    func tokenIsSentUpFront() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            let before = fixture.server.requestCount
            try await clone.fetch(
                from: try fixture.remote, refspecs: ["+refs/heads/main:refs/remotes/origin/main"],
                credentials: fixture.credentials)
            // The reference advertisement only (nothing new to fetch); with a 401 challenge it would be two.
            #expect(fixture.server.requestCount - before == 1)
        }
    }
}
