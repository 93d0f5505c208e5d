import Forge
import Testing

/// Labels: created when added by name, idempotent adds, removal without case, absent removal succeeds.
@Suite struct LocalForgeLabelTests {
    @Test func addingLabelsCreatesMissingOnesAndIsIdempotent() async throws {
        try await withLocalForge { forge in
            let bug = try await forge.addRepositoryLabel("bug", color: "d73a4a", description: "Broken")
            let issue = try await forge.openIssue(title: "Flag", author: "alice")

            let first = try await forge.addLabels(["BUG", "state: review"], toIssue: issue.number)
            let again = try await forge.addLabels(["state: Review", "bug"], toIssue: issue.number)

            #expect(first == [bug, Label(id: 2, name: "state: review")])
            #expect(again == first)
            #expect(try await forge.addRepositoryLabel("Bug") == bug)
            let snapshot = try await forge.snapshot()
            #expect(snapshot.labels.map(\.name) == ["bug", "state: review"])
            #expect(snapshot.events.filter { $0.action == "label.added" }.count == 2)
        }
    }

    @Test func removalIgnoresCaseAndAnAbsentLabelIsNoChange() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice", labels: ["bug", "state: review"])

            try await forge.removeLabel("State: REVIEW", fromIssue: issue.number)
            try await forge.removeLabel("state: review", fromIssue: issue.number)
            try await forge.removeLabel("never-existed", fromIssue: issue.number)

            #expect(try await forge.labels(onIssue: issue.number).map(\.name) == ["bug"])
            let removals = try await forge.snapshot().events.filter { $0.action == "label.removed" }
            #expect(removals.map(\.detail) == ["\"state: review\" from issue #1 by conveyor[bot]"])
            // The repository keeps the label; only the issue lost it.
            #expect(try await forge.snapshot().labels.count == 2)
        }
    }

    @Test func anEmptyLabelNameIsRejected() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice")
            #expect(await failure { try await forge.addLabels([""], toIssue: issue.number) }?.code == .invalidRequest)
            #expect(await failure { try await forge.removeLabel("", fromIssue: issue.number) }?.code == .invalidRequest)
        }
    }
}
