import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("Listing a remote's branches without a local repository", .timeLimit(.minutes(2)))
struct RemoteBranchesTests {
    @Test("only the branches under the prefix, sorted, and none when nothing matches")
    func branchesUnderAPrefix() async throws {
        try await GitFixture.with { fixture in
            for branch in ["conveyor/12-new-title", "conveyor/12-old-title", "conveyor/120-other", "feature/12-x"] {
                _ = try GitCLI.run(["-C", fixture.bare.path, "branch", branch, "main"])
            }
            let found = try await Repository.remoteBranches(
                at: try fixture.remote, prefix: "conveyor/12-", credentials: fixture.credentials)
            #expect(found == ["conveyor/12-new-title", "conveyor/12-old-title"])
            let none = try await Repository.remoteBranches(
                at: try fixture.remote, prefix: "conveyor/7-", credentials: fixture.credentials)
            #expect(none.isEmpty)
        }
    }

    @Test("a rejected token is an authentication error")
    func rejectedToken() async throws {
        try await GitFixture.with { fixture in
            let error = await #expect(throws: GitError.self) {
                _ = try await Repository.remoteBranches(
                    at: try fixture.remote, prefix: "conveyor/", credentials: .token("wrong-token"))
            }
            #expect(error?.code == .auth)
        }
    }
}
