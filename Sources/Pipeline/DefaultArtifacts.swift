/// The artifact catalogue of the plans (seeds §1.2): which document types each stage produces.
enum DefaultArtifacts {
    /// The document types of each stage, in the order the catalogue lists them.
    static let typesByStage: [StageName: [String]] = [
        .intake: ["problem", "personas", "scope", "constraints", "brief", "open-questions"],
        .vision: ["charter", "success-metrics", "risks"],
        .prd: ["prd"],
        .arch: ["c4-context", "c4-container", "alternatives", "nfr"],
        .design: ["design-doc", "api-contract", "data-model", "migrations-policy"],
        .plan: ["delivery-plan", "epic", "story", "definition-of-done", "roadmap"],
        .dev: ["change-summary"],
        .docAudit: ["audit-report"],
        .qa: ["test-strategy", "test-plan", "test-matrix", "regression-checklist", "test-report"],
        .release: ["release-plan", "rollback-plan", "release-notes"],
        .postdeploy: ["postdeploy-review"],
        .ops: ["monitoring", "slo", "alerts", "runbook", "incident-playbook"],
    ]

    /// Extra frontmatter keys a document type must carry beyond ``ArtifactRequirement/commonKeys``.
    static let extraKeysByType: [String: [String]] = [
        "audit-report": ["related_prs", "verdict"],
        "test-report": ["result"],
        "release-notes": ["release"],
        "postdeploy-review": ["release"],
    ]

    /// The requirements of stage `name`: one document per type at `docs/work-items/<N>/<stage>/<type>.md`.
    static func forStage(_ name: StageName) -> [ArtifactRequirement] {
        (typesByStage[name] ?? []).map { type in
            ArtifactRequirement(
                pathPattern: "\(ArtifactRequirement.workItemFolder)/\(name.rawValue)/\(type).md",
                type: type,
                requiredKeys: ArtifactRequirement.commonKeys + (extraKeysByType[type] ?? []))
        }
    }
}
