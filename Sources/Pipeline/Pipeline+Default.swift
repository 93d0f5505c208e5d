extension Pipeline {
    /// The built-in pipeline of the plans: intake → vision → prd → arch → design → plan → dev → doc-audit → qa →
    /// release → postdeploy → ops, each needing the owner's approval on exit.
    public static let `default` = Pipeline(stages: [
        documentStage(.intake, role: .productManager, inputs: [], next: .vision),
        documentStage(.vision, role: .productManager, inputs: [.intake], next: .prd),
        documentStage(.prd, role: .productManager, inputs: [.intake, .vision], next: .arch),
        documentStage(.arch, role: .architect, inputs: [.prd], next: .design),
        documentStage(.design, role: .architect, inputs: [.prd, .arch], next: .plan),
        documentStage(.plan, role: .engineeringManager, inputs: [.prd, .arch, .design], next: .dev),
        {
            var dev = StageDefinition(
                name: .dev, role: .developer, inputs: [.design, .plan],
                artifacts: DefaultArtifacts.forStage(.dev),
                writeScope: ["**"], gate: .artifacts, next: .docAudit, timeoutMinutes: 120)
            dev.protectedPaths = WorkSettings.builtInProtectedPaths
            return dev
        }(),
        documentStage(
            .docAudit, role: .auditor, inputs: [.prd, .arch, .design, .plan], next: .qa,
            gate: .verdict(
                VerdictRule(
                    documentType: "audit-report", field: "verdict", passTokens: ["pass"],
                    failTokens: ["fail", "changes-requested"]))),
        documentStage(
            .qa, role: .qualityAssurance, inputs: [.prd, .design, .dev], next: .release,
            gate: .verdict(
                VerdictRule(
                    documentType: "test-report", field: "result", passTokens: ["pass"],
                    failTokens: ["fail", "blocked"]))),
        documentStage(.release, role: .siteReliability, inputs: [.plan, .qa], next: .postdeploy),
        documentStage(.postdeploy, role: .siteReliability, inputs: [.release], next: .ops),
        documentStage(.ops, role: .siteReliability, inputs: [.arch, .release, .postdeploy], next: nil),
    ])

    /// The write scope of a stage that only writes documents: its work item's folder.
    static let documentWriteScope = ["\(ArtifactRequirement.workItemFolder)/**"]

    private static func documentStage(
        _ name: StageName, role: Role, inputs: [StageName], next: StageName?, gate: StageGate = .artifacts
    ) -> StageDefinition {
        StageDefinition(
            name: name, role: role, inputs: inputs, artifacts: DefaultArtifacts.forStage(name),
            writeScope: documentWriteScope, gate: gate, next: next, timeoutMinutes: 30)
    }
}
