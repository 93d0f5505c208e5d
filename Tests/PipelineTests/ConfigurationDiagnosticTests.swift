import Pipeline
import Testing

@Suite struct ConfigurationDiagnosticTests {
    /// The diagnostics for `yaml`, failing the test when it is accepted.
    private func diagnostics(_ yaml: String) -> [ConfigurationDiagnostic] {
        do {
            _ = try PipelineConfiguration.parse(yaml)
            Issue.record("configuration was accepted:\n\(yaml)")
            return []
        } catch {
            #expect(error.diagnostics.allSatisfy { $0.file == ".conveyor/config.yml" })
            return error.diagnostics
        }
    }

    /// The only diagnostic for `yaml`.
    private func single(_ yaml: String) throws -> ConfigurationDiagnostic {
        let found = diagnostics(yaml)
        #expect(found.count == 1, "\(found)")
        return try #require(found.first)
    }

    @Test func badYAMLPointsAtTheSyntaxError() throws {
        let diagnostic = try single("stages:\n  intake:\n    role: [pm\n    model: x\n")
        #expect(diagnostic.code == .invalidYAML)
        #expect(diagnostic.line == 4)
        #expect(diagnostic.message.contains("not valid YAML"))
    }

    @Test func unknownTopLevelKeySuggestsTheClosest() throws {
        let diagnostic = try single("version: 1\nstagse:\n  intake: {}\n")
        #expect(diagnostic.code == .unknownKey)
        #expect((diagnostic.line, diagnostic.column) == (2, 1))
        #expect(diagnostic.message.contains("`stagse`"))
        #expect(diagnostic.message.contains("Did you mean `stages`?"))
    }

    @Test func unknownStageKeyIsLocated() throws {
        let diagnostic = try single("stages:\n  prd:\n    role: pm\n    timeout: 5\n")
        #expect(diagnostic.code == .unknownKey)
        #expect((diagnostic.line, diagnostic.column) == (4, 5))
        #expect(diagnostic.message.contains("stage `prd`"))
        #expect(diagnostic.message.contains("timeout_minutes"))
    }

    @Test func unknownStageNameSuggestsTheClosest() throws {
        let diagnostic = try single("stages:\n  intake:\n    role: pm\n  desing:\n    role: sa\n")
        #expect(diagnostic.code == .unknownStage)
        #expect((diagnostic.line, diagnostic.column) == (4, 3))
        #expect(diagnostic.message.contains("Did you mean `design`?"))
        #expect(diagnostic.message.contains("intake, vision"))
    }

    @Test func unknownStageInNextOrInputsIsLocated() {
        let found = diagnostics("stages:\n  arch:\n    inputs:\n      - prd\n      - visoin\n    next: shipit\n")
        #expect(found.map(\.code) == [.unknownStage, .unknownStage])
        #expect(found.map(\.line) == [5, 6])
        #expect(found.first?.message.contains("Did you mean `vision`?") == true)
    }

    @Test func unknownGateKindListsTheKinds() throws {
        let diagnostic = try single("stages:\n  qa:\n    gate:\n      kind: vote\n")
        #expect(diagnostic.code == .unknownGateKind)
        #expect(diagnostic.line == 4)
        #expect(diagnostic.message.contains("artifacts, verdict, command, none"))
    }

    @Test func incompleteVerdictGateNamesTheMissingKey() throws {
        let yaml = "stages:\n  qa:\n    gate:\n      kind: verdict\n      field: result\n      pass: [ok]\n"
        let diagnostic = try single(yaml)
        #expect(diagnostic.code == .missingKey)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.contains("needs `document`"))
    }

    @Test func nextCycleIsNamedAtTheNextKey() throws {
        let yaml = "stages:\n  intake:\n    role: pm\n  ops:\n    next: release\n"
        let diagnostic = try single(yaml)
        #expect(diagnostic.code == .nextCycle)
        #expect((diagnostic.line, diagnostic.column) == (5, 5))
        #expect(diagnostic.message.contains("release → postdeploy → ops → release"))
        #expect(diagnostic.message.contains("`ops`"))
    }

    @Test func writeScopeOutsideTheRepositoryIsRejected() {
        let yaml = """
            stages:
              dev:
                write_scope:
                  - src/**
                  - /etc/**
                  - docs/../../secrets
                  - ~/notes
            """
        let found = diagnostics(yaml)
        #expect(found.map(\.code) == Array(repeating: .pathOutsideRepository, count: 3))
        #expect(found.map(\.line) == [5, 6, 7])
        #expect(found.first?.message.contains("`/etc/**`") == true)
    }

    @Test func wrongTypesNameTheKeyAndWhatItIs() {
        let yaml = """
            stages:
              plan:
                timeout_minutes: soon
                requires_approval: maybe
                write_scope: docs/**
                inputs: {a: b}
            state: main
            """
        let found = diagnostics(yaml)
        #expect(found.map(\.code) == Array(repeating: .wrongType, count: 5))
        #expect(found.map(\.line) == [3, 4, 5, 6, 7])
        #expect(found[0].message.contains("`stages.plan.timeout_minutes` must be a whole number"))
        #expect(found[2].message.contains("must be a list of strings"))
        #expect(found[4].message.contains("`state` must be a mapping"))
    }

    @Test func nonPositiveTimeoutAndUnsupportedVersionAreInvalid() {
        let found = diagnostics("version: 2\nstages:\n  dev:\n    timeout_minutes: 0\n")
        #expect(found.map(\.code) == [.invalidValue, .invalidValue])
        #expect(found.map(\.line) == [1, 4])
    }

    @Test func topLevelMustBeAMapping() throws {
        let diagnostic = try single("- intake\n- vision\n")
        #expect(diagnostic.code == .wrongType)
        #expect(diagnostic.line == 1)
    }

    @Test func errorDescriptionListsEveryDiagnostic() {
        do {
            _ = try PipelineConfiguration.parse("stagse: {}\nagent: {nmae: x}\n")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.count == 2)
            #expect(error.description.contains(".conveyor/config.yml:1:1: error: Unknown key `stagse`"))
            #expect(error.description.contains(".conveyor/config.yml:2:9: error: Unknown key `nmae`"))
            #expect(ConfigurationDiagnostic.Code.unknownKey ~= error)
        }
    }
}

@Suite struct ClosestNameTests {
    @Test func swappedNeighboursCountAsOneEdit() throws {
        let diagnostic = try #require(diagnosticsOf("stages:\n  dev:\n    modle: x\n").first)
        #expect(diagnostic.message.contains("Did you mean `model`?"))
    }

    @Test func farNamesGetNoSuggestion() throws {
        let diagnostic = try #require(diagnosticsOf("stages:\n  kubernetes: {}\n").first)
        #expect(diagnostic.code == .unknownStage)
        #expect(!diagnostic.message.contains("Did you mean"))
    }

    private func diagnosticsOf(_ yaml: String) -> [ConfigurationDiagnostic] {
        do {
            _ = try PipelineConfiguration.parse(yaml)
            return []
        } catch {
            return error.diagnostics
        }
    }
}
