import Actions
import ConveyorTestSupport
import Forge
import Foundation
import Testing

/// Labels: add by name, list, remove by name (Gitea by id underneath), idempotent removal.
@Suite struct LabelOperationTests {
    @Test(arguments: ForgeKind.allCases)
    func labelsAreAddedByNameAndRemovedByName(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            await forge.seedLabel("bug")
            let issue = await forge.seedIssue(labels: ["bug"])

            let afterAdd = try await client.addLabels(["state: review", "needs-input"], toIssue: issue)
            #expect(afterAdd.map(\.name) == ["bug", "state: review", "needs-input"])
            try await client.removeLabel("State: Review", fromIssue: issue)

            #expect(try await client.labels(onIssue: issue).map(\.name) == ["bug", "needs-input"])
            #expect(await forge.labels(issue: issue) == ["bug", "needs-input"])
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func removingALabelUsesTheNameOnGitHubAndTheNumericIDOnGitea(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let label = await forge.seedLabel("state: review")
            let issue = await forge.seedIssue(labels: ["state: review"])

            try await client.removeLabel("state: review", fromIssue: issue)

            let deletes = await forge.exchanges(.removeLabel, kind)
            let expectedSegment = kind == .github ? "state%3A%20review" : String(label.id)
            #expect(
                deletes.map(\.path) == [
                    forge.repositoryURL(ForgeDialect(kind), "/issues/\(issue)/labels/\(expectedSegment)").path
                ])
            #expect(deletes.map(\.status) == [kind == .github ? 200 : 204])
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func removingALabelThatIsNotThereSucceeds(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            await forge.seedLabel("state: done")
            let issue = await forge.seedIssue(labels: ["bug"])

            try await client.removeLabel("state: done", fromIssue: issue)
            try await client.removeLabel("never-existed", fromIssue: issue)

            #expect(await forge.labels(issue: issue) == ["bug"])
            // Gitea finds the label absent from the issue's labels and sends no DELETE at all.
            #expect(await forge.requestCount(.removeLabel, dialect: ForgeDialect(kind)) == (kind == .github ? 2 : 0))
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func removingALabelFromAMissingIssueFailsAsNotFound(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)

            let error = await forgeError { () async throws(ForgeError) in
                try await client.removeLabel("bug", fromIssue: 404)
            }

            #expect(error?.code == .notFound)
            #expect(error?.description.contains("remove the label bug from issue #404") == true)
        }
    }
}
