import Foundation

extension LabelCatalog {
    /// Every label of the plans for `pipeline`: each stage's run and revise label, abort, rethink, `state:*`,
    /// `need:*`.
    public static func definitions(for pipeline: Pipeline) -> [LabelDefinition] {
        let stageLabels = pipeline.stages.flatMap { stage in
            [
                LabelDefinition(
                    meaning: .run(stage.name, .run), binding: stage.triggerLabel,
                    summary: stageSummaries[stage.name] ?? "start the \(stage.name) stage"),
                LabelDefinition(
                    meaning: .run(stage.name, .revise), binding: stage.reviseLabel,
                    summary: "revise \(stage.name): next round on the owner's comments and answers"),
            ]
        }
        let control = [
            definition(
                .abort, "RUN_ABORT", "run:abort", "abort: close the PR, mark documents abandoned, free the item"),
            definition(.rethink, "RUN_RETHINK", "run:rethink", "back to an earlier stage (comment /rethink <stage>)"),
        ]
        let states = ServiceState.allCases.map { state in
            definition(
                .state(state), "STATE_\(stem(state.rawValue))", "state:\(state.rawValue)",
                stateSummaries[state] ?? state.rawValue)
        }
        let needs = NeedKind.allCases.map { need in
            definition(
                .need(need), "NEED_\(stem(need.rawValue))", "need:\(need.rawValue)",
                needSummaries[need] ?? need.rawValue)
        }
        return stageLabels + control + states + needs
    }

    private static func definition(
        _ meaning: LabelMeaning, _ stem: String, _ defaultName: String, _ summary: String
    ) -> LabelDefinition {
        LabelDefinition(
            meaning: meaning, binding: LabelBinding(variable: "\(stem)_LABEL", defaultName: defaultName),
            summary: summary)
    }

    private static func stem(_ name: String) -> String {
        name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    private static let stageSummaries: [StageName: String] = [
        .intake: "start \"idea/project\": intake package (problem, personas, MVP scope, constraints, brief)",
        .vision: "vision: project charter, success metrics, risk register",
        .prd: "PRD: MVP, use cases, acceptance criteria, NFR draft",
        .arch: "architecture: C4 context and container, alternatives, NFRs, first ADRs",
        .design: "design: detailed design, API contract, data model, migrations policy",
        .plan: "delivery plan: epics, stories, definition of done, roadmap",
        .dev: "development: code change in a PR, with docs and ADR updates",
        .docAudit: "audit a PR against the documents and checklists; reports only",
        .qa: "QA: test strategy, plan, matrix, regression checklist, test verdict",
        .release: "release: release plan, rollback plan, release notes",
        .postdeploy: "post-deploy review, postmortem for incidents in the release window",
        .ops: "operations: monitoring, SLOs, alerts, runbooks, incident playbook",
    ]

    private static let stateSummaries: [ServiceState: String] = [
        .blocked: "blocked on input or approval (set by Conveyor)",
        .inReview: "output awaits the owner's review (set by Conveyor)",
        .approved: "the owner accepted the output (set by Conveyor)",
        .superseded: "replaced by a newer version after a rethink (set by Conveyor)",
        .abandoned: "work cancelled by run:abort (set by Conveyor)",
    ]

    private static let needSummaries: [NeedKind: String] = [
        .input: "an answer or data from the owner is needed",
        .pm: "product manager clarification needed (requirements, metrics)",
        .sa: "architect clarification needed",
        .qa: "QA input needed",
        .sre: "SRE input needed",
    ]
}
