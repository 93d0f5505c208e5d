import Foundation
import Pipeline
import Testing
import Triggers

@Suite struct LabelTriggerTests {
    /// The corpus `issues.labeled` payload with the added label renamed.
    private func githubLabeled(_ name: String) throws -> Data {
        try Fixtures.payload("github-events/issues.labeled.json") { $0.set(["label", "name"], to: name) }
    }

    @Test func runLabelStartsItsStage() throws {
        let run = try #require(try Fixtures.resolve("issues", githubLabeled("run:intake")).run)
        #expect(run.operation == .stage(.intake))
        #expect(run.mode == .run)
        #expect(run.workItem == WorkItemRef(number: 1, kind: .issue))
        #expect(run.actor == Actor(login: "Codertocat", type: .user))
        #expect(run.source == .label("run:intake"))
    }

    @Test func reviseAndAbortLabels() throws {
        let revise = try #require(try Fixtures.resolve("issues", githubLabeled("run:arch:revise")).run)
        #expect(revise.operation == .stage(.arch))
        #expect(revise.mode == .revise)
        let abort = try #require(try Fixtures.resolve("issues", githubLabeled("run:abort")).run)
        #expect(abort.operation == .abort)
    }

    @Test func bareRethinkLabelAsksForTheStage() throws {
        let skip = try #require(try Fixtures.resolve("issues", githubLabeled("run:rethink")).skip)
        #expect(skip.code == .rethinkNeedsStage)
        #expect(skip.reason.contains("/rethink <stage>"))
        let withTarget = try Fixtures.resolve(
            "issues", githubLabeled("run:rethink"), overrides: .init(stage: "prd"))
        #expect(withTarget.run?.operation == .rethink(to: .prd))
    }

    @Test func serviceLabelStartsNothing() throws {
        let skip = try #require(try Fixtures.resolve("issues", githubLabeled("state:in-review")).skip)
        #expect(skip.code == .notTriggerLabel)
        #expect(skip.reason.contains("`state:in-review`"))
    }

    @Test func renamedLabelRoutesThroughTheEnvironment() throws {
        let catalogs = [
            try LabelCatalog(environment: ["RUN_INTAKE_LABEL": "go:intake"]),
            try LabelCatalog(environment: ["CONVEYOR_VARS": #"{"run_intake_label":"go:intake"}"#]),
        ]
        for labels in catalogs {
            let renamed = try Fixtures.resolve("issues", githubLabeled("go:intake"), labels: labels)
            #expect(renamed.run?.operation == .stage(.intake))
            let old = try Fixtures.resolve("issues", githubLabeled("run:intake"), labels: labels)
            #expect(old.skip?.code == .notTriggerLabel)
            #expect(old.skip?.reason.contains("go:intake") == true)
        }
    }

    @Test func giteaAddedLabelsAreUsedWhenPresent() throws {
        let payload = try Fixtures.payload("gitea-events/constructed.issues.label_updated.json") {
            $0.set(["changes", "added_labels"], to: [Fixtures.label("run:vision")])
        }
        let run = try #require(try Fixtures.resolve("issues", payload, forge: .gitea).run)
        #expect(run.operation == .stage(.vision))
        #expect(run.workItem == WorkItemRef(number: 8, kind: .issue))
        #expect(run.actor == Actor(login: "a_nice_user", type: .unspecified))
    }

    /// The Gitea issue payload without `changes`, with `names` as the resulting label list.
    private func giteaResulting(_ names: [String]) throws -> Data {
        try Fixtures.payload("gitea-events/constructed.issues.label_updated.json") {
            $0["changes"] = nil
            $0.set(["issue", "labels"], to: names.map(Fixtures.label))
        }
    }

    @Test func giteaResultingListWithOneNewTriggerRuns() throws {
        let payload = try giteaResulting(["bug", "run:intake", "run:vision"])
        let decision = try Fixtures.resolve("issues", payload, forge: .gitea, handledLabels: ["run:intake"])
        #expect(decision.run?.operation == .stage(.vision))
    }

    @Test func giteaResultingListWithNothingNewSkips() throws {
        let payload = try giteaResulting(["bug", "run:intake"])
        let decision = try Fixtures.resolve("issues", payload, forge: .gitea, handledLabels: ["RUN:INTAKE"])
        #expect(decision.skip?.code == .noNewTriggerLabel)
    }

    @Test func giteaResultingListWithTwoNewTriggersNamesBoth() throws {
        let payload = try giteaResulting(["run:prd", "bug", "run:arch"])
        let skip = try #require(try Fixtures.resolve("issues", payload, forge: .gitea).skip)
        #expect(skip.code == .severalTriggerLabels)
        #expect(skip.reason.contains("`run:prd`"))
        #expect(skip.reason.contains("`run:arch`"))
        #expect(skip.reason.contains("Remove all but one"))
    }

    @Test func pullRequestLabelStartsOnlyTheDocAudit() throws {
        func labeled(_ name: String) throws -> TriggerDecision {
            let payload = try Fixtures.payload("github-events/pull_request.labeled.json") {
                $0.set(["label", "name"], to: name)
            }
            return try Fixtures.resolve("pull_request", payload)
        }
        let audit = try #require(try labeled("run:doc-audit").run)
        #expect(audit.operation == .docAudit(PullRequestAudit(headSHA: "ec26c3e57ca3a959ca5aad62de7213c562f8c821")))
        #expect(audit.workItem == WorkItemRef(number: 2, kind: .pullRequest))
        #expect(try labeled("run:doc-audit:revise").run?.mode == .revise)
        let other = try #require(try labeled("run:dev").skip)
        #expect(other.code == .notTriggerLabel)
        #expect(other.reason.contains("run:doc-audit"))
    }

    @Test func giteaPullRequestLabelUpdatedWithAuditLabel() throws {
        let payload = try Fixtures.payload("gitea-events/woodpecker-gitea.HookPullRequestAddLabel.json") {
            $0.set(["pull_request", "labels"], to: [Fixtures.label("bug"), Fixtures.label("run:doc-audit")])
        }
        let decision = try Fixtures.resolve("pull_request", payload, forge: .gitea, handledLabels: ["bug"])
        #expect(
            decision.run?.operation == .docAudit(PullRequestAudit(headSHA: "07977177c2cd7d46bad37b8472a9d50e7acb9d1f")))
        #expect(decision.run?.workItem == WorkItemRef(number: 7, kind: .pullRequest))
    }
}
