import Actions
import Adoption
import ConveyorTestSupport
import Forge
import Foundation
import HTTP
import Pipeline
import Testing

/// `labels sync` against the fake forge on both dialects: creates and updates the whole palette, leaves people's
/// labels alone, is idempotent, changes nothing on a dry run, and prunes only retired Conveyor labels.
@Suite struct LabelSyncTests {
    @Test(arguments: ForgeKind.allCases)
    func syncCreatesTheWholePaletteAndASecondRunChangesNothing(kind: ForgeKind) async throws {
        try await withForge { forge in
            await forge.seedLabel("bug", color: "d73a4a", description: "Something isn't working")
            await forge.seedLabel("team:web", color: "000000")
            await forge.seedLabel("Run:Intake", color: "ededed", description: "old")
            // Enough of the repository's own labels that listing takes several pages (Gitea pages by 50).
            for index in 1...60 { await forge.seedLabel("area:\(index)") }
            let labels = try forge.labels(kind)
            let palette = LabelPalette(catalog: .defaults)

            let first = LabelSync(palette: palette, existing: try await labels.list(), prune: false)
            try await first.apply(to: labels)

            let stored = await forge.repositoryLabels()
            for entry in palette.entries where entry.content.name != "bug" {
                let label = try #require(stored.first { $0.name == entry.content.name }, "\(entry.content.name)")
                #expect(label.color == entry.content.color)
                #expect(label.description == entry.content.description)
            }
            #expect(stored.first { $0.name == "bug" }?.description == "Something isn't working")
            #expect(stored.contains { $0.name == "team:web" && $0.color == "000000" })
            #expect(!stored.contains { $0.name == "Run:Intake" })
            #expect(first.kept == ["bug"])
            #expect(
                first.changes.contains { if case .update(let old, _) = $0 { old.name == "Run:Intake" } else { false } })
            #expect(stored.count == palette.entries.count + 61)
            #expect(try await labels.list().count == stored.count)

            let writes = await writeCount(forge)
            let second = LabelSync(palette: palette, existing: try await labels.list(), prune: true)
            #expect(second.changes.isEmpty)
            try await second.apply(to: labels)
            #expect(await writeCount(forge) == writes)
            #expect(await forge.repositoryLabels() == stored)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aDryRunPlansChangesButSendsNoWrite(kind: ForgeKind) async throws {
        try await withForge { forge in
            await forge.seedLabel("run:intake", color: "ededed", description: nil)
            let before = await forge.repositoryLabels()
            let labels = try forge.labels(kind)

            let plan = LabelSync(
                palette: LabelPalette(catalog: .defaults), existing: try await labels.list(), prune: true)

            #expect(plan.changes.count == LabelPalette(catalog: .defaults).entries.count)
            #expect(plan.changes.map(\.description).contains { $0.hasPrefix("update run:intake: colour #ededed") })
            #expect(await writeCount(forge) == 0)
            #expect(await forge.repositoryLabels() == before)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func renamedLabelsFollowTheVariablesAndPruneRemovesOnlyRetiredConveyorLabels(kind: ForgeKind) async throws {
        try await withForge { forge in
            let labels = try forge.labels(kind)
            try await LabelSync(palette: LabelPalette(catalog: .defaults), existing: [], prune: false)
                .apply(to: labels)
            await forge.seedLabel("run:intake-old", color: "ededed", description: "looks like ours but is not")

            let renamed = try LabelCatalog(environment: [
                "RUN_INTAKE_LABEL": "go:intake", "CONVEYOR_VARS": #"{"need_pm_label": "ask:pm"}"#,
            ])
            let sync = LabelSync(
                palette: LabelPalette(catalog: renamed), existing: try await labels.list(), prune: true)
            try await sync.apply(to: labels)

            let names = Set(await forge.repositoryLabels().map(\.name))
            #expect(names.isSuperset(of: ["go:intake", "ask:pm", "run:intake:revise", "run:intake-old", "bug"]))
            #expect(names.isDisjoint(with: ["run:intake", "need:pm"]))
            let deleted = sync.changes.compactMap { if case .delete(let label) = $0 { label.name } else { nil } }
            #expect(Set(deleted) == ["run:intake", "need:pm"])
        }
    }

    @Test func everyDescriptionFitsGitHubsLimitAndCarriesTheMarker() {
        for entry in LabelPalette(catalog: .defaults).entries {
            #expect(entry.content.description.count <= LabelPalette.descriptionLimit)
            #expect(entry.content.description.hasSuffix(LabelPalette.marker))
            #expect(entry.content.color.count == 6)
        }
        let names = LabelPalette(catalog: .defaults).entries.map(\.content.name)
        #expect(names.contains("run:doc-audit:revise") && names.contains("state:in-review") && names.contains("epic"))
    }

    @Test(arguments: ForgeKind.allCases)
    func aReadOnlyTokenFailsNamingThePermission(kind: ForgeKind) async throws {
        try await withForge { forge in
            await forge.inject(
                .status(403, body: #"{"message":"Resource not accessible by integration"}"#), on: .createLabel)
            let labels = try forge.labels(kind)
            let sync = LabelSync(palette: LabelPalette(catalog: .defaults), existing: [], prune: false)
            do {
                try await sync.apply(to: labels)
                Issue.record("a 403 must fail the sync")
            } catch let error as ForgeError {
                #expect(error.code == .forbidden)
                #expect(error.description.contains(kind == .github ? "issues: write" : "write:issue"))
            }
        }
    }

    private func writeCount(_ forge: FakeForge) async -> Int {
        var total = 0
        for operation in [ForgeOperation.createLabel, .editLabel, .deleteLabel] {
            total += await forge.requestCount(operation)
        }
        return total
    }
}

extension FakeForge {
    /// A label client of `kind` for this forge's repository.
    func labels(_ kind: ForgeKind) throws -> RepositoryLabels {
        let dialect: ForgeDialect = kind == .github ? .github : .gitea
        return RepositoryLabels(
            kind: kind, apiURL: apiURL(dialect), repository: try RepositorySlug(parsing: "\(owner)/\(repo)"),
            token: Secret(token),
            configuration: .init(
                connectTimeout: .seconds(2), totalTimeout: .seconds(10), retry: .fast, userAgent: "adoption-tests"))
    }
}
