import Foundation
import Pipeline
import Testing
import Triggers

@Suite struct DispatchTests {
    private static let github = "github-events/workflow_dispatch.json"
    private static let gitea = "gitea-events/constructed.workflow_dispatch.json"

    private func dispatch(_ file: String, inputs: [String: Any], forge: TriggerContext.Forge) throws -> TriggerDecision
    {
        let payload = try Fixtures.payload(file) { $0["inputs"] = inputs }
        return try Fixtures.resolve("workflow_dispatch", payload, forge: forge)
    }

    @Test func goodInputsRunOnBothForges() throws {
        for (file, forge) in [(Self.github, TriggerContext.Forge.github), (Self.gitea, .gitea)] {
            let run = try #require(
                try dispatch(file, inputs: ["issue": "12", "stage": "prd", "mode": "resume"], forge: forge).run)
            #expect(run.operation == .stage(.prd))
            #expect(run.mode == .resume)
            #expect(run.workItem == WorkItemRef(number: 12, kind: .issue))
            #expect(run.source == .inputs)
            #expect(run.actor != nil)
        }
    }

    @Test func theAgentInputIsCarriedOnBothForgesAndEmptyMeansTheConfiguredOne() throws {
        for (file, forge) in [(Self.github, TriggerContext.Forge.github), (Self.gitea, .gitea)] {
            let chosen = try #require(
                try dispatch(file, inputs: ["issue": "3", "stage": "qa", "agent": " Codex "], forge: forge).run)
            #expect(chosen.agent == "codex")
            let configured = try #require(
                try dispatch(file, inputs: ["issue": "3", "stage": "qa", "agent": ""], forge: forge).run)
            #expect(configured.agent == nil)
        }
    }

    @Test func numericInputsAndDefaultModeAreAccepted() throws {
        let run = try #require(try dispatch(Self.gitea, inputs: ["issue": 8, "stage": "doc-audit"], forge: .gitea).run)
        #expect(run.workItem?.number == 8)
        #expect(run.operation == .stage(.docAudit))
        #expect(run.mode == .run)
    }

    @Test func badInputsNameTheInputToFix() throws {
        let cases: [([String: Any], SkipCode, String)] = [
            ([:], .missingInput, "`issue`"),
            (["issue": "twelve", "stage": "prd"], .invalidInput, "`issue`"),
            (["issue": 0, "stage": "prd"], .invalidInput, "`issue`"),
            (["issue": "12"], .missingInput, "`stage`"),
            (["issue": "12", "stage": ""], .missingInput, "`stage`"),
            (["issue": "12", "stage": "deploy"], .invalidInput, "`stage`"),
            (["issue": "12", "stage": "qa", "mode": "revise"], .invalidInput, "`mode`"),
            (["issue": "12", "stage": "qa", "mode": "later"], .invalidInput, "`mode`"),
            (["issue": "12", "stage": "qa", "agent": "gemini"], .invalidInput, "`agent`"),
        ]
        for (inputs, code, name) in cases {
            let skip = try #require(try dispatch(Self.github, inputs: inputs, forge: .github).skip, "\(inputs)")
            #expect(skip.code == code, "\(inputs)")
            #expect(skip.reason.contains("Input \(name)"), "\(inputs): \(skip.reason)")
        }
    }

    @Test func workflowCallTakesTheOverrides() throws {
        let payload = try Fixtures.payload("github-events/issues.labeled.json")
        let run = try #require(
            try Fixtures.resolve(
                "workflow_call", payload, overrides: .init(issue: 5, stage: "qa", mode: "rerun")
            ).run)
        #expect(run.operation == .stage(.qa))
        #expect(run.mode == .rerun)
        #expect(run.workItem?.number == 5)
        let missing = try Fixtures.resolve("workflow_call", payload, overrides: .init(issue: 5))
        #expect(missing.skip?.code == .missingInput)
    }

    @Test func overridesWinOverDispatchInputs() throws {
        let payload = try Fixtures.payload(Self.gitea)
        let run = try #require(try Fixtures.resolve("workflow_dispatch", payload, overrides: .init(stage: "plan")).run)
        #expect(run.operation == .stage(.plan))
        #expect(run.workItem?.number == 8)
    }

    @Test func scheduleTicks() throws {
        let run = try #require(
            try Fixtures.resolve("schedule", Fixtures.payload("github-events/constructed.schedule.json")).run)
        #expect(run.operation == .tick)
        #expect(run.workItem == nil)
        #expect(run.actor == nil)
        #expect(run.source == .schedule)
    }
}
