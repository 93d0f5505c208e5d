import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("Concurrent pushes to one ref: exactly one wins", .timeLimit(.minutes(3)))
struct PushRaceTests {
    @Test("two clones racing on the same old tip yield one .pushed and one .rejectedNonFastForward, repeatedly")
    func racingPushes() async throws {
        try await GitFixture.with { fixture in
            let first = try await fixture.clone("first")
            let second = try await fixture.clone("second")
            let tracking = "+refs/heads/main:refs/remotes/origin/main"
            var winners: Set<String> = []
            for round in 1...4 {
                let tip = try #require(try await first.resolve("refs/remotes/origin/main"))
                #expect(try await second.resolve("refs/remotes/origin/main") == tip)
                async let firstCommit = first.commit(
                    ["race/first.md": Data("round \(round)\n".utf8)], parent: tip, updating: "main",
                    message: "First, round \(round)", author: fixture.author)
                async let secondCommit = second.commit(
                    ["race/second.md": Data("round \(round)\n".utf8)], parent: tip, updating: "main",
                    message: "Second, round \(round)", author: fixture.author)
                let commits = try await (firstCommit, secondCommit)

                async let firstPush = first.push(
                    "main", to: "main", remote: fixture.remote, credentials: fixture.credentials)
                async let secondPush = second.push(
                    "main", to: "main", remote: fixture.remote, credentials: fixture.credentials)
                let outcomes = try await [firstPush, secondPush]

                let pushed = outcomes.indices.filter { outcomes[$0] == .pushed }
                let rejected = outcomes.filter {
                    if case .rejectedNonFastForward = $0 { return true }
                    return false
                }
                try #require(pushed.count == 1, "round \(round): \(outcomes)")
                #expect(rejected.count == 1, "round \(round): \(outcomes)")
                let winner = pushed[0] == 0 ? commits.0 : commits.1
                winners.insert(pushed[0] == 0 ? "first" : "second")
                let remoteMain = try GitCLI.run(["-C", fixture.bare.path, "rev-parse", "main"])
                #expect(remoteMain == winner.description, "round \(round)")
                try GitConsistency.expectAgrees(
                    fixture.bare, ref: "main", head: winner, parents: [tip],
                    subject: pushed[0] == 0 ? "First, round \(round)" : "Second, round \(round)", author: fixture.author
                )

                for clone in [first, second] {
                    try await clone.fetch(from: fixture.remote, refspecs: [tracking], credentials: fixture.credentials)
                    #expect(try await clone.resolve("refs/remotes/origin/main") == winner)
                }
            }
            #expect(!winners.isEmpty)
        }
    }

    @Test("a push built on a tip the remote has moved past is rejected, never forced, fetched or not")
    func stalePush() async throws {
        try await GitFixture.with { fixture in
            let ahead = try await fixture.clone("ahead")
            let behind = try await fixture.clone("behind")
            let winner = try await ahead.commit(
                ["ahead.md": Data("ahead\n".utf8)], onto: "main", message: "Move ahead", author: fixture.author)
            #expect(
                try await ahead.push("main", to: "main", remote: fixture.remote, credentials: fixture.credentials)
                    == .pushed)

            _ = try await behind.commit(
                ["behind.md": Data("behind\n".utf8)], onto: "main", message: "Stale", author: fixture.author)
            let unseen = try await behind.push(
                "main", to: "main", remote: .named("origin"), credentials: fixture.credentials)
            #expect(Self.isRejection(unseen), "\(unseen)")

            try await behind.fetch(
                from: .named("origin"), refspecs: ["+refs/heads/main:refs/remotes/origin/main"],
                credentials: fixture.credentials)
            #expect(try await behind.resolve("origin/main") == winner)
            let seen = try await behind.push(
                "main", to: "main", remote: fixture.remote, credentials: fixture.credentials)
            #expect(Self.isRejection(seen), "\(seen)")

            #expect(try GitCLI.run(["-C", fixture.bare.path, "rev-parse", "main"]) == winner.description)
            try GitConsistency.expectClean(fixture.bare)
        }
    }

    private static func isRejection(_ outcome: PushOutcome) -> Bool {
        if case .rejectedNonFastForward(let message) = outcome { return !message.isEmpty }
        return false
    }
}
