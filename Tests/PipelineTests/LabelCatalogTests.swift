import Pipeline
import Testing

@Suite struct LabelCatalogTests {
    @Test func defaultsListEveryLabelOfThePlans() throws {
        let catalog = try LabelCatalog(environment: [:])
        #expect(catalog.entries.count == 12 * 2 + 2 + 5 + 5)
        #expect(catalog.entries.allSatisfy { $0.source == .builtIn })
        let variables = catalog.entries.map(\.definition.binding.variable)
        for variable in [
            "RUN_INTAKE_LABEL", "RUN_INTAKE_REVISE_LABEL", "RUN_DOC_AUDIT_LABEL", "RUN_ABORT_LABEL",
            "RUN_RETHINK_LABEL", "STATE_IN_REVIEW_LABEL", "STATE_ABANDONED_LABEL", "NEED_INPUT_LABEL",
            "NEED_SRE_LABEL",
        ] {
            #expect(variables.contains(variable), "missing \(variable)")
        }
        #expect(Set(variables).count == variables.count)
        #expect(catalog.name(for: .state(.inReview)) == "state:in-review")
        #expect(catalog.name(for: .need(.input)) == "need:input")
        #expect(catalog.name(for: .run(.ops, .revise)) == "run:ops:revise")
        #expect(catalog.name(for: .run(.ops, .rerun)) == nil)
    }

    @Test func descriptionsAreOneLineAndFitTheForgeLimit() throws {
        let catalog = LabelCatalog.defaults
        for entry in catalog.entries {
            #expect(entry.definition.summary.count <= 100, "\(entry.name): \(entry.definition.summary)")
            #expect(!entry.definition.summary.contains("\n"))
        }
        let intake = try #require(catalog.entry(for: .run(.intake, .run)))
        #expect(intake.line.hasPrefix("run:intake — start \"idea/project\": intake package"))
    }

    @Test func lookupWorksBothWays() {
        let catalog = LabelCatalog.defaults
        #expect(catalog.meaning(ofLabel: "run:intake") == .run(.intake, .run))
        #expect(catalog.meaning(ofLabel: "run:doc-audit:revise") == .run(.docAudit, .revise))
        #expect(catalog.meaning(ofLabel: "RUN:Abort") == .abort)
        #expect(catalog.meaning(ofLabel: "run:rethink") == .rethink)
        #expect(catalog.meaning(ofLabel: "state:blocked") == .state(.blocked))
        #expect(catalog.meaning(ofLabel: "need:qa") == .need(.qa))
        #expect(catalog.meaning(ofLabel: "bug") == nil)
        #expect(catalog.meaning(ofLabel: "run:intake")?.isTrigger == true)
        #expect(catalog.meaning(ofLabel: "state:blocked")?.isTrigger == false)
    }

    @Test func environmentVariableRenamesALabel() throws {
        let catalog = try LabelCatalog(environment: ["RUN_INTAKE_LABEL": "go:intake"])
        #expect(catalog.meaning(ofLabel: "go:intake") == .run(.intake, .run))
        #expect(catalog.meaning(ofLabel: "run:intake") == nil)
        #expect(catalog.name(for: .run(.intake, .run)) == "go:intake")
        #expect(catalog.entry(for: .run(.intake, .run))?.source == .environment)
    }

    @Test func variablesMapRenamesWithCaseInsensitiveKeys() throws {
        let catalog = try LabelCatalog(environment: [
            "CONVEYOR_VARS": #"{"run_intake_label": "go:intake", "STATE_BLOCKED_LABEL": "", "OTHER": 3}"#
        ])
        #expect(catalog.meaning(ofLabel: "go:intake") == .run(.intake, .run))
        #expect(catalog.meaning(ofLabel: "run:intake") == nil)
        #expect(catalog.entry(for: .run(.intake, .run))?.source == .variablesMap)
        #expect(catalog.name(for: .state(.blocked)) == "state:blocked")
    }

    @Test func explicitVariableWinsOverTheMap() throws {
        let catalog = try LabelCatalog(environment: [
            "RUN_VISION_LABEL": "env:vision",
            "CONVEYOR_VARS": #"{"RUN_VISION_LABEL": "map:vision", "RUN_PRD_LABEL": "map:prd"}"#,
        ])
        #expect(catalog.name(for: .run(.vision, .run)) == "env:vision")
        #expect(catalog.name(for: .run(.prd, .run)) == "map:prd")
    }

    @Test func emptyValuesFallBackToDefaults() throws {
        let catalog = try LabelCatalog(environment: ["RUN_INTAKE_LABEL": "  ", "CONVEYOR_VARS": ""])
        #expect(catalog.name(for: .run(.intake, .run)) == "run:intake")
    }

    @Test func malformedVariablesMapNamesTheVariable() {
        for text in ["{not json", "[1, 2]"] {
            do {
                _ = try LabelCatalog(environment: ["CONVEYOR_VARS": text])
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.code == .malformedVariables)
                #expect(error.variable == "CONVEYOR_VARS")
                #expect(error.message.contains("CONVEYOR_VARS"))
                #expect(error.message.contains("toJSON(vars)"))
            }
        }
    }

    @Test func nonStringLabelValueIsRejected() {
        #expect(throws: LabelCatalogError.self) {
            try LabelCatalog(environment: ["CONVEYOR_VARS": #"{"RUN_QA_LABEL": 7}"#])
        }
    }

    @Test func twoLabelsWithOneNameAreRejected() {
        do {
            _ = try LabelCatalog(environment: ["RUN_VISION_LABEL": "run:intake"])
            Issue.record("accepted a duplicate name")
        } catch {
            #expect(error.code == .duplicateName)
            #expect(error.message.contains("RUN_INTAKE_LABEL"))
            #expect(error.message.contains("RUN_VISION_LABEL"))
        }
    }
}

@Suite struct OutcomeLabelTests {
    @Test("#10 #59 the state labels and need:input are one exclusive set; other labels are left alone")
    func settingOneOutcomeLabelReplacesTheOthers() throws {
        let catalog = try LabelCatalog(environment: ["STATE_BLOCKED_LABEL": "Blocked!"])
        let carried = ["bug", "Blocked!", "need:input", "need:pm", "state:in-review", "run:intake"]
        #expect(catalog.outcomeLabelsReplaced(by: .state(.inReview), on: carried) == ["Blocked!", "need:input"])
        #expect(
            catalog.outcomeLabelsReplaced(by: .need(.input), on: carried) == ["Blocked!", "state:in-review"])
        #expect(LabelCatalog.isOutcome(.state(.abandoned)) && !LabelCatalog.isOutcome(.need(.qa)))
        #expect(!LabelCatalog.isOutcome(.run(.intake, .run)))
    }
}
