import Actions
import Forge
import Testing

/// Commit statuses: the latest per context, and each forge's rule for the combined state.
@Suite struct LocalForgeStatusTests {
    @Test(arguments: [
        ([CommitStatusState](), CommitStatusState.pending),
        ([.success, .success], .success),
        ([.success, .pending], .pending),
        ([.pending, .failure, .success], .failure),
        ([.error, .pending], .failure),
        ([.skipped, .success], .success),
        ([.warning, .pending], .failure),
    ])
    func gitHubCombinesFailureOverPendingOverSuccess(states: [CommitStatusState], combined: CommitStatusState)
        async throws
    {
        try await withLocalForge { forge in
            for (index, state) in states.enumerated() {
                _ = try await forge.createStatus(NewCommitStatus(state: state, context: "check/\(index)"), sha: "abc")
            }
            let status = try await forge.combinedStatus(ref: "abc")
            #expect(status.state == combined)
            #expect(status.sha == "abc" && status.statuses.count == states.count)
        }
    }

    @Test(arguments: [
        ([CommitStatusState.success, .warning], CommitStatusState.warning),
        ([.warning, .pending, .success], .warning),
        ([.error, .failure], .error),
        ([.skipped, .success], .success),
        ([.skipped], .skipped),
    ])
    func giteaCombinesTheWorstState(states: [CommitStatusState], combined: CommitStatusState) async throws {
        try await withLocalForge(kind: .gitea) { forge in
            for (index, state) in states.enumerated() {
                _ = try await forge.createStatus(NewCommitStatus(state: state, context: "check/\(index)"), sha: "abc")
            }
            #expect(try await forge.combinedStatus(ref: "abc").state == combined)
        }
    }

    @Test func theLatestStatusOfAContextReplacesEarlierOnes() async throws {
        try await withLocalForge { forge in
            _ = try await forge.createStatus(NewCommitStatus(state: .failure, context: "conveyor/review"), sha: "abc")
            _ = try await forge.createStatus(NewCommitStatus(state: .pending, context: "conveyor/tests"), sha: "abc")
            let latest = try await forge.createStatus(
                NewCommitStatus(
                    state: .success, context: "conveyor/review", description: "Approved",
                    targetURL: "https://ci.example/1"),
                sha: "abc")
            _ = try await forge.createStatus(NewCommitStatus(state: .success, context: "conveyor/tests"), sha: "other")

            let combined = try await forge.combinedStatus(ref: "abc")
            #expect(combined.state == .pending)
            #expect(combined.statuses.map(\.context) == ["conveyor/review", "conveyor/tests"])
            #expect(combined.status(forContext: "conveyor/review") == latest)
            #expect(latest.description == "Approved" && latest.targetURL == "https://ci.example/1")
        }
    }

    @Test func aBranchWithARecordedPushResolvesToItsCommit() async throws {
        try await withLocalForge { forge in
            try await forge.recordPush(branch: "conveyor/7", sha: "abc")
            _ = try await forge.createStatus(NewCommitStatus(state: .success, context: "conveyor/review"), sha: "abc")

            let combined = try await forge.combinedStatus(ref: "conveyor/7")
            #expect(combined.sha == "abc" && combined.state == .success)
        }
    }

    @Test func gitHubStoresItsEquivalentStateAndCutsLongDescriptions() async throws {
        try await withLocalForge { forge in
            let long = String(repeating: "x", count: 200)
            let status = try await forge.createStatus(
                NewCommitStatus(state: .warning, context: "lint", description: long), sha: "abc")
            #expect(status.state == .failure)
            #expect(status.description.count == NewCommitStatus.maxDescriptionLength)
            #expect(status.description.hasSuffix("…"))
            #expect(
                await failure { try await forge.createStatus(NewCommitStatus(state: .success, context: "x"), sha: "") }?
                    .code == .invalidRequest)
        }
    }
}
