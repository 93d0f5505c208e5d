import Actions
import Adoption
import ConveyorTestSupport
import Forge
import Foundation
import HTTP
import Pipeline
import Testing

/// `conveyor init`'s files and plan: the configuration cannot drift from the defaults, a second run and a dry run
/// change nothing, an edited file survives without `--force`, and the workflows keep the adoption points.
@Suite struct InitTests {
    @Test func theConfigurationFileIsTheDefaultPipelineWhetherCommentedOrNot() throws {
        let text = ConfigTemplate.render()
        #expect(try PipelineConfiguration.parse(text) == .default)
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("##") }
            .map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : String($0) }
            .joined(separator: "\n")
        #expect(!uncommented.contains("#"))
        #expect(try PipelineConfiguration.parse(uncommented) == .default)
        for stage in Pipeline.default.stages {
            #expect(text.contains("#   \(stage.name.rawValue):\n"))
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aSecondRunChangesNothingAndADryRunWritesNothing(forge: ForgeKind) throws {
        let directory = try TemporaryDirectory(prefix: "init")
        defer { directory.remove() }
        let files = InitFiles.files(for: forge)

        let dryRun = InitPlan(root: directory.url, files: files, force: false)
        #expect(dryRun.steps.allSatisfy { $0.action == .create })
        #expect(dryRun.steps[0].diff.contains("+name: Conveyor"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)

        let written = try InitPlan(root: directory.url, files: files, force: false).apply()
        #expect(written.count == files.count + 1)
        #expect(written.contains(WorkflowTemplate.path(for: forge)))
        #expect(written.last == InitPlan.manifestPath)
        let config = try PipelineConfiguration.load(repositoryRoot: directory.url)
        #expect(config == .default)

        let second = InitPlan(root: directory.url, files: files, force: false)
        #expect(second.steps.allSatisfy { $0.action == .unchanged })
        #expect(try second.apply().isEmpty)
        #expect(second.steps.allSatisfy { $0.diff.isEmpty })
    }

    @Test func anEditedFileIsKeptWithoutForceAndAnUneditedOneIsUpdated() throws {
        let directory = try TemporaryDirectory(prefix: "init")
        defer { directory.remove() }
        try InitPlan(root: directory.url, files: InitFiles.files(for: .github), force: false).apply()
        let workflow = directory.appending(WorkflowTemplate.path(for: .github))
        let edited = try String(contentsOf: workflow, encoding: .utf8) + "# mine\n"
        try edited.write(to: workflow, atomically: true, encoding: .utf8)

        var pipeline = Pipeline.default
        var qa = try #require(pipeline[.qa])
        qa.timeoutMinutes = 5
        pipeline.replace(qa)
        let changed = InitFiles.files(
            for: .github,
            configuration: PipelineConfiguration(
                pipeline: pipeline, state: StateSettings(), agentDefaults: AgentDefaults()))
        let changedFiles = changed.map { InitPlan.File(path: $0.path, text: $0.text + "\n") }

        let plan = InitPlan(root: directory.url, files: changedFiles, force: false)
        #expect(plan.steps[0].action == .keepEdited)
        #expect(plan.steps[0].diff.contains("-# mine"))
        #expect(plan.steps.dropFirst().allSatisfy { $0.action == .update })
        try plan.apply()
        #expect(try String(contentsOf: workflow, encoding: .utf8) == edited)

        let forced = InitPlan(root: directory.url, files: changedFiles, force: true)
        #expect(forced.steps[0].action == .overwrite)
        try forced.apply()
        #expect(try String(contentsOf: workflow, encoding: .utf8) == changedFiles[0].text)
        #expect(
            InitPlan(root: directory.url, files: changedFiles, force: false).steps.allSatisfy {
                $0.action == .unchanged
            })
    }

    @Test func theGitHubWorkflowFiltersLabelsWithDefaultsAndDeclaresPermissions() {
        let text = WorkflowTemplate.render(for: .github, pipeline: .default)
        #expect(text.contains("permissions:\n  contents: write\n  issues: write\n  pull-requests: write"))
        #expect(text.contains("github.event.label.name == (vars.RUN_INTAKE_LABEL || 'run:intake')"))
        #expect(text.contains("(vars.RUN_DOC_AUDIT_REVISE_LABEL || 'run:doc-audit:revise')"))
        #expect(text.contains("(vars.RUN_ABORT_LABEL || 'run:abort')"))
        #expect(!text.contains("state:in-review"))
        #expect(text.contains("uses: conveyor-ci/conveyor/action@v1"))
        #expect(text.contains("anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}"))
    }

    @Test func theGiteaWorkflowHasNoLabelFilterAndNoCrossHostReusableWorkflow() {
        let text = WorkflowTemplate.render(for: .gitea, pipeline: .default)
        #expect(!text.contains("github.event.label.name"))
        #expect(!text.contains("workflow_call") && !text.contains(".github/workflows/stage.yml"))
        #expect(text.contains("uses: https://github.com/conveyor-ci/conveyor/action@v1"))
        #expect(text.contains("permissions:\n  contents: write"))
    }

    /// The committed copies are what `scripts/check-workflows` validates; they must be what init writes.
    @Test(arguments: ForgeKind.allCases)
    func theCommittedWorkflowTemplatesAreWhatInitWrites(forge: ForgeKind) throws {
        let root = Corpus.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = root.appendingPathComponent("action/templates/init/\(forge.rawValue)/conveyor.yml")
        let text = try String(contentsOf: committed, encoding: .utf8)
        #expect(
            text == WorkflowTemplate.render(for: forge, pipeline: .default),
            "Regenerate with: conveyor init --forge \(forge) --directory <tmp> and copy the workflow")
    }

    @Test func everyDefaultArtifactHasATemplateWithItsRequiredKeys() {
        let templates = DocTemplates.render(.default)
        let artifacts = Pipeline.default.stages.flatMap(\.artifacts)
        #expect(templates.count == artifacts.count)
        for (template, artifact) in zip(templates, artifacts) {
            #expect(template.path.hasSuffix("/\(artifact.type).md"))
            for key in artifact.requiredKeys { #expect(template.text.contains("\n\(key): ")) }
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func theAPIChecksReportTokenAccessAndMissingLabels(kind: ForgeKind) async throws {
        try await withForge { forge in
            let dialect: ForgeDialect = kind == .github ? .github : .gitea
            let client = ForgeClients.make(
                kind: kind, apiURL: forge.apiURL(dialect),
                repository: try RepositorySlug(parsing: "\(forge.owner)/\(forge.repo)"),
                token: Secret(forge.token),
                configuration: .init(connectTimeout: .seconds(2), totalTimeout: .seconds(10), retry: .fast))
            let labels = try forge.labels(kind)
            let palette = LabelPalette(catalog: .defaults)

            let before = await RepositorySetup.check(repository: client, labels: labels, palette: palette)
            #expect(before.map(\.status) == ["ok", "todo"])
            #expect(before[1].detail.contains("conveyor labels sync"))

            try await LabelSync(palette: palette, existing: [], prune: false).apply(to: labels)
            await forge.setTokenAccess(.read)
            let after = await RepositorySetup.check(repository: client, labels: labels, palette: palette)
            #expect(after.map(\.status) == ["fail", "ok"])
            #expect(after[0].detail.contains("read but not write"))
        }
    }
}
