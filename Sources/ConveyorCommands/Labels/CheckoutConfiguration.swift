import Adoption
import Foundation
import Pipeline

/// A checkout's `.conveyor/config.yml` and the label palette the repository variables name, as `init` and
/// `labels sync` read them from outside a stage job.
struct CheckoutConfiguration {
    /// The checkout: `--directory`, else `GITHUB_WORKSPACE`, else the current directory.
    let root: URL
    /// The pipeline configuration (the defaults when the file is absent).
    let configuration: PipelineConfiguration
    /// Every label Conveyor uses, with the names the variables give them.
    let palette: LabelPalette

    /// Reads the checkout named by `directory`; a bad file or variable is reported and ends the command with exit
    /// 65.
    static func load(directory: String?, variables: [String: String]) throws -> CheckoutConfiguration {
        let root = URL(fileURLWithPath: directory ?? variables["GITHUB_WORKSPACE"] ?? ".")
        do {
            let configuration = try PipelineConfiguration.load(repositoryRoot: root)
            let catalog = try LabelCatalog(environment: variables, pipeline: configuration.pipeline)
            return CheckoutConfiguration(
                root: root, configuration: configuration, palette: LabelPalette(catalog: catalog))
        } catch {
            Diagnostics.error(String(describing: error))
            throw ExitStatus.invalidInput
        }
    }
}
