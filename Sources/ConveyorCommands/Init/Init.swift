import Actions
import Adoption
import ArgumentParser
import Forge
import Foundation
import Pipeline

extension Application {
    /// Writes the files a repository needs to run Conveyor and says which settings to change.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write the Conveyor workflow, .conveyor/config.yml and document templates into a repository.",
            discussion: """
                Writes .github/workflows/conveyor.yml (or .gitea/workflows/conveyor.yml), .conveyor/config.yml \
                with every default commented out, and docs/templates/<stage>/<type>.md. A file someone edited \
                since init wrote it is kept unless --force is given (init remembers what it wrote in \
                .conveyor/init.sums). Then prints the repository settings to change and, when a token is set \
                (CONVEYOR_TOKEN, GITHUB_TOKEN or GITEA_TOKEN) and the repository is known, checks the token's \
                access and the labels through the API.

                  conveyor init --dry-run
                  conveyor init --forge gitea
                  GITHUB_TOKEN=… conveyor init --repository owner/name
                """
        )

        @OptionGroup var target: ForgeTargetOptions

        @Option(help: "The repository checkout to write into (default: GITHUB_WORKSPACE, else the current directory).")
        var directory: String?

        @Flag(name: .customLong("dry-run"), help: "Show a diff of what would be written and write nothing.")
        var dryRun = false

        @Flag(help: "Overwrite files that were edited since init wrote them.")
        var force = false

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let variables = ProcessEnvironment.variables
            let checkout = try CheckoutConfiguration.load(directory: directory, variables: variables)
            let (root, configuration, palette) = (checkout.root, checkout.configuration, checkout.palette)
            let environment = target.environment(variables)
            let forge = target.forge ?? Self.detectForge(root: root, environment: environment)
            let plan = InitPlan(
                root: root, files: InitFiles.files(for: forge, configuration: configuration), force: force)
            if !dryRun {
                do {
                    try plan.apply()
                } catch {
                    Diagnostics.error("Could not write into \(root.path): \(error.localizedDescription)")
                    throw ExitStatus.failure
                }
            }
            var items = RepositorySetup.settings(for: forge)
            items += await Self.checks(environment: environment, palette: palette)
            let report = InitReport(forge: forge, dryRun: dryRun, plan: plan, items: items)
            print(try report.rendered(format))
        }

        /// Gitea when the checkout already has `.gitea/`, or the environment says Gitea; otherwise GitHub.
        private static func detectForge(root: URL, environment: ActionsEnvironment) -> ForgeKind {
            let gitea = root.appendingPathComponent(".gitea").path
            return FileManager.default.fileExists(atPath: gitea) ? .gitea : environment.forge
        }

        /// The API checks when a token and repository are known; otherwise one `unknown` item saying how to enable
        /// them.
        private static func checks(environment: ActionsEnvironment, palette: LabelPalette) async
            -> [RepositorySetup.Item]
        {
            guard environment.token != nil, (try? environment.repository) != nil,
                let client = try? ForgeClients.make(environment: environment),
                let labels = try? RepositoryLabels(environment: environment)
            else {
                return [
                    RepositorySetup.Item(
                        status: "unknown", subject: "API checks",
                        detail: "Set GITHUB_TOKEN (or GITEA_TOKEN) and --repository owner/name to check the "
                            + "token's access and the labels.")
                ]
            }
            return await RepositorySetup.check(repository: client, labels: labels, palette: palette)
        }
    }
}

/// What `init` wrote (or would write) and the settings to change, for people or as JSON.
struct InitReport: Encodable {
    struct FileLine: Encodable {
        let path: String
        let action: InitPlan.Action
    }

    let forge: ForgeKind.RawValue
    let dryRun: Bool
    let files: [FileLine]
    let settings: [RepositorySetup.Item]
    private let diffs: [String]

    init(forge: ForgeKind, dryRun: Bool, plan: InitPlan, items: [RepositorySetup.Item]) {
        self.forge = forge.rawValue
        self.dryRun = dryRun
        files = plan.steps.map { FileLine(path: $0.file.path, action: $0.action) }
        settings = items
        diffs = dryRun ? plan.steps.filter { $0.action != .unchanged }.map(\.diff) : []
    }

    private enum CodingKeys: String, CodingKey {
        case forge, dryRun, files, settings
    }

    func rendered(_ format: OutputFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        case .text:
            var lines = ["conveyor init (\(forge))\(dryRun ? " — dry run, nothing written" : ""):"]
            let verbs: [InitPlan.Action: String] =
                dryRun
                ? [
                    .create: "would create", .update: "would update", .unchanged: "unchanged",
                    .keepEdited: "would keep (edited; --force overwrites)", .overwrite: "would overwrite",
                ]
                : [
                    .create: "created", .update: "updated", .unchanged: "unchanged",
                    .keepEdited: "kept (edited; --force overwrites)", .overwrite: "overwrote",
                ]
            lines += files.map { "  \(verbs[$0.action] ?? $0.action.rawValue) \($0.path)" }
            if !diffs.isEmpty { lines += [""] + diffs.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 } }
            lines += ["", "Repository settings:"]
            lines += settings.map { "  [\($0.status)] \($0.subject): \($0.detail)" }
            return lines.joined(separator: "\n")
        }
    }
}
