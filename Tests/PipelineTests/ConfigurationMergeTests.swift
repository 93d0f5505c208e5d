import ConveyorTestSupport
import Foundation
import Pipeline
import Testing

@Suite struct ConfigurationMergeTests {
    @Test func missingFileGivesTheDefaults() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = try PipelineConfiguration.load(repositoryRoot: directory.url)
        #expect(configuration == .default)
        #expect(configuration.state.branch == "conveyor/state")
        #expect(configuration.state.file == "state.sqlite")
    }

    @Test func fileOverridesAreMergedOverTheDefaults() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.appending(".conveyor")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let yaml = """
            version: 1
            state:
              branch: ops/state
              file: db/state.sqlite
            stages:
              arch:
                role: lead-architect
                timeout_minutes: 45
                model: big-model
                write_scope: ["docs/**", "adr/**"]
              dev:
                gate:
                  kind: command
                  command: [swift, test]
              qa:
                gate: artifacts
              ops:
                requires_approval: false
                artifacts:
                  - path: docs/work-items/<N>/ops/capacity.md
                    type: capacity-plan
                    required_keys: [doc_id, type]
            agent:
              name: codex
              model: gpt-5
              timeout_minutes: 20
            """
        try yaml.write(to: folder.appendingPathComponent("config.yml"), atomically: true, encoding: .utf8)
        let configuration = try PipelineConfiguration.load(repositoryRoot: directory.url)
        let pipeline = configuration.pipeline
        #expect(configuration.state == StateSettings(branch: "ops/state", file: "db/state.sqlite"))
        #expect(configuration.agentDefaults == AgentDefaults(agent: "codex", model: "gpt-5"))
        #expect(pipeline[.arch]?.role == Role(rawValue: "lead-architect"))
        #expect(pipeline[.arch]?.timeoutMinutes == 45, "a stage's own timeout wins over agent.timeout_minutes")
        #expect(pipeline[.intake]?.timeoutMinutes == 20)
        #expect(pipeline[.arch]?.model == "big-model")
        #expect(pipeline[.arch]?.writeScope == ["docs/**", "adr/**"])
        #expect(pipeline[.arch]?.artifacts == Pipeline.default[.arch]?.artifacts)
        #expect(pipeline[.dev]?.gate == .command(arguments: ["swift", "test"]))
        #expect(pipeline[.qa]?.gate == .artifacts)
        #expect(pipeline[.ops]?.requiresApproval == false)
        let opsTypes = pipeline[.ops]?.artifacts.map(\.type) ?? []
        #expect(opsTypes == ["monitoring", "slo", "alerts", "runbook", "incident-playbook", "capacity-plan"])
        #expect(pipeline[.ops]?.artifacts.last?.requiredKeys == ["doc_id", "type"])
        var vision = try #require(Pipeline.default[.vision])
        vision.timeoutMinutes = 20
        #expect(pipeline[.vision] == vision)
    }

    @Test func verdictGateAndNextLinksCanBeChanged() throws {
        let yaml = """
            stages:
              design:
                next: dev
              qa:
                gate:
                  kind: verdict
                  document: test-report
                  field: outcome
                  pass: [green]
                  fail: [red, flaky]
              ops:
                next: null
            """
        let pipeline = try PipelineConfiguration.parse(yaml).pipeline
        #expect(pipeline[.design]?.next == .dev)
        #expect(pipeline[.ops]?.next == nil)
        let rule = VerdictRule(
            documentType: "test-report", field: "outcome", passTokens: ["green"], failTokens: ["red", "flaky"])
        #expect(pipeline[.qa]?.gate == .verdict(rule))
    }

    @Test func replacingAnArtifactTypeKeepsItsPlace() throws {
        let yaml = """
            stages:
              vision:
                artifacts:
                  - {path: docs/work-items/<N>/charter.md, type: charter}
            """
        let artifacts = try PipelineConfiguration.parse(yaml).pipeline[.vision]?.artifacts ?? []
        #expect(artifacts.map(\.type) == ["charter", "success-metrics", "risks"])
        #expect(artifacts.first?.pathPattern == "docs/work-items/<N>/charter.md")
        #expect(artifacts.first?.requiredKeys == ArtifactRequirement.commonKeys)
    }

    @Test func emptyFileGivesTheDefaults() throws {
        #expect(try PipelineConfiguration.parse("") == .default)
        #expect(try PipelineConfiguration.parse("# only a comment\n") == .default)
    }
}
