import Actions
import ConveyorTestSupport
import Forge
import Testing

/// Commit statuses: create and read back combined; GitHub's mapping of Gitea-only states.
@Suite struct StatusOperationTests {
    private let sha = String(repeating: "3f", count: 20)

    @Test(arguments: ForgeKind.allCases)
    func aStatusIsPostedAndShowsInTheCombinedStatus(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)

            let pending = try await client.createStatus(
                NewCommitStatus(state: .pending, context: "conveyor/review", description: "Running"), sha: sha)
            #expect(pending.state == .pending)
            let done = try await client.createStatus(
                NewCommitStatus(
                    state: .success, context: "conveyor/review", description: "Passed",
                    targetURL: "https://ci.example/runs/1"),
                sha: sha)
            #expect(done.context == "conveyor/review")
            #expect(done.targetURL == "https://ci.example/runs/1")

            let combined = try await client.combinedStatus(ref: sha)
            #expect(combined.state == .success)
            #expect(combined.sha == sha)
            #expect(combined.statuses.count == 1)
            #expect(combined.status(forContext: "conveyor/review")?.description == "Passed")
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func warningAndSkippedAreKeptOnGiteaAndMappedOnGitHub(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)

            let warned = try await client.createStatus(NewCommitStatus(state: .warning, context: "lint"), sha: sha)
            let skipped = try await client.createStatus(NewCommitStatus(state: .skipped, context: "docs"), sha: sha)

            let stored = await forge.statuses(sha: sha).map(\.state)
            #expect(stored == (kind == .github ? ["failure", "success"] : ["warning", "skipped"]))
            #expect(warned.state == (kind == .github ? .failure : .warning))
            #expect(skipped.state == (kind == .github ? .success : .skipped))
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aLongDescriptionIsCutToWhatTheForgesAccept(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let long = String(repeating: "word ", count: 60)

            let posted = try await client.createStatus(
                NewCommitStatus(state: .failure, context: "gate", description: long), sha: sha)

            #expect(posted.description.count == NewCommitStatus.maxDescriptionLength)
            #expect(posted.description.hasSuffix("…"))
        }
    }
}
