import Actions
import Pipeline

/// Every file `conveyor init` writes for a forge: the wrapper workflow, `.conveyor/config.yml` and the document
/// templates, all rendered from the pipeline.
public enum InitFiles {
    /// The files for `forge`, workflow first. The workflow and templates follow `configuration`'s pipeline; the
    /// configuration file always shows the built-in defaults, since it documents them.
    public static func files(for forge: ForgeKind, configuration: PipelineConfiguration = .default) -> [InitPlan.File] {
        [
            InitPlan.File(
                path: WorkflowTemplate.path(for: forge),
                text: WorkflowTemplate.render(for: forge, pipeline: configuration.pipeline)),
            InitPlan.File(path: PipelineConfiguration.relativePath, text: ConfigTemplate.render()),
        ] + DocTemplates.render(configuration.pipeline).map { InitPlan.File(path: $0.path, text: $0.text) }
    }
}
