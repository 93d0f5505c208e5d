import Pipeline
import Testing

@Suite struct DefaultPipelineTests {
    private let pipeline = Pipeline.default

    @Test func hasTheTwelveStagesInPlanOrder() {
        #expect(pipeline.stages.map(\.name) == StageName.allCases)
        #expect(
            pipeline.stages.map(\.name.rawValue) == [
                "intake", "vision", "prd", "arch", "design", "plan", "dev", "doc-audit", "qa", "release",
                "postdeploy", "ops",
            ])
    }

    @Test func everyStageHasArtifactsAGateAndApproval() {
        for stage in pipeline.stages {
            #expect(!stage.artifacts.isEmpty, "\(stage.name) has no artifacts")
            #expect(stage.gate.kind != .none, "\(stage.name) has no gate")
            #expect(stage.requiresApproval, "\(stage.name) skips approval")
            #expect(stage.timeoutMinutes > 0)
            for artifact in stage.artifacts {
                #expect(artifact.pathPattern.hasPrefix("docs/work-items/<N>/\(stage.name.rawValue)/"))
                #expect(artifact.requiredKeys.starts(with: ArtifactRequirement.commonKeys))
            }
        }
    }

    @Test func documentStagesWriteOnlyInsideDocs() {
        for stage in pipeline.stages where stage.name != .dev {
            #expect(stage.writeScope == ["docs/work-items/<N>/**"], "\(stage.name) writes \(stage.writeScope)")
        }
        #expect(pipeline[.dev]?.writeScope == ["**"])
    }

    @Test func intakeProducesTheSeedPackage() throws {
        let intake = try #require(pipeline[.intake])
        #expect(
            intake.artifacts.map(\.type) == [
                "problem", "personas", "scope", "constraints", "brief", "open-questions",
            ])
        #expect(intake.role == .productManager)
        #expect(intake.artifacts[4].path(forWorkItem: 12) == "docs/work-items/12/intake/brief.md")
        let vision = try #require(pipeline[.vision])
        #expect(vision.artifacts.map(\.type) == ["charter", "success-metrics", "risks"])
    }

    @Test func verdictGatesReadFrozenTokens() throws {
        let audit = try #require(pipeline[.docAudit])
        guard case .verdict(let rule) = audit.gate else {
            Issue.record("doc-audit gate is \(audit.gate)")
            return
        }
        #expect(rule.documentType == "audit-report")
        #expect(rule.field == "verdict")
        #expect(rule.passTokens == ["pass"])
        #expect(rule.failTokens.contains("fail"))
        #expect(audit.artifacts.contains { $0.type == "audit-report" && $0.requiredKeys.contains("verdict") })
    }

    @Test func nextChainRunsIntakeToOpsWithoutCycle() {
        var visited: [StageName] = []
        var current: StageName? = .intake
        while let name = current, visited.count <= StageName.allCases.count {
            visited.append(name)
            current = pipeline[name]?.next
        }
        #expect(visited == StageName.allCases)
        #expect(pipeline[.ops]?.next == nil)
        #expect(pipeline.nextCycle() == nil)
    }

    @Test func cycleIsReportedWithItsStages() throws {
        var looped = pipeline
        var ops = try #require(looped[.ops])
        ops.next = .postdeploy
        looped.replace(ops)
        #expect(looped.nextCycle() == [.postdeploy, .ops, .postdeploy])
    }

    @Test func stageLabelsFollowTheVariableConvention() throws {
        let audit = try #require(pipeline[.docAudit])
        #expect(audit.triggerLabel == LabelBinding(variable: "RUN_DOC_AUDIT_LABEL", defaultName: "run:doc-audit"))
        #expect(
            audit.reviseLabel
                == LabelBinding(variable: "RUN_DOC_AUDIT_REVISE_LABEL", defaultName: "run:doc-audit:revise"))
    }
}
