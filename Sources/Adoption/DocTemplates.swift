import Pipeline

/// The document templates `conveyor init` writes under `docs/templates/<stage>/<type>.md`: one per artifact the
/// pipeline's stages produce, with the frontmatter keys the stage's gate requires, so a person (or an agent told
/// to follow them) starts from a document the gate accepts.
public enum DocTemplates {
    /// The folder the templates go in.
    public static let folder = "docs/templates"

    /// Every template of `pipeline` as (repository path, text), in stage order.
    public static func render(_ pipeline: Pipeline) -> [(path: String, text: String)] {
        pipeline.stages.flatMap { stage in
            stage.artifacts.map { artifact in
                ("\(folder)/\(stage.name.rawValue)/\(artifact.type).md", text(artifact, stage: stage))
            }
        }
    }

    private static func text(_ artifact: ArtifactRequirement, stage: StageDefinition) -> String {
        let values: [String: String] = [
            "doc_id": "\"<N>-\(artifact.type)\"", "type": artifact.type, "status": "draft",
            "owner_role": stage.role.rawValue, "stage": stage.name.rawValue, "work_item": "<N>",
        ]
        let frontmatter = artifact.requiredKeys.map { key in "\(key): \(values[key] ?? "\"\"")" }
        let title = artifact.type.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
        return (["---"] + frontmatter + ["---", "", "# \(title)", ""]).joined(separator: "\n") + """

            <!-- Template written by `conveyor init` for the \(stage.name.rawValue) stage. The \(stage.name.rawValue) \
            gate checks that \(artifact.pathPattern) exists with the \
            frontmatter keys above (replace <N> with the work item's number). -->

            """
    }
}
