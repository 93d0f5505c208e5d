import Actions
import Adoption
import ArgumentParser
import Forge
import Foundation
import Pipeline

extension Application {
    /// `conveyor labels …`: the repository's label set.
    struct Labels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "labels",
            abstract: "Manage the repository's Conveyor labels.",
            subcommands: [Sync.self]
        )
    }
}

extension Application.Labels {
    /// Creates or updates every Conveyor label, named from the repository variables.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract:
                "Create or update every Conveyor label (run:*, state:*, need:*, semantic) with colour and description.",
            discussion: """
                Names come from the label variables (RUN_INTAKE_LABEL, … or CONVEYOR_VARS) and \
                .conveyor/config.yml, as in a job. Running it twice changes nothing the second time. A semantic \
                label the repository already has (e.g. its own `bug`) is left as it is. --prune deletes only labels \
                an earlier sync made (description ending in "[conveyor]") whose name is no longer Conveyor's.
                The token needs `issues: write` (GitHub) or `write:issue` (Gitea).

                  GITHUB_TOKEN=… conveyor labels sync --repository owner/name --dry-run
                  GITEA_TOKEN=… conveyor labels sync --forge gitea --api-url https://git.example.com/api/v1 \
                --repository owner/name --prune
                """
        )

        @OptionGroup var target: ForgeTargetOptions

        @Option(
            help:
                "Repository checkout holding .conveyor/config.yml (default: GITHUB_WORKSPACE, else the current directory)."
        )
        var directory: String?

        @Flag(name: .customLong("dry-run"), help: "Print what would change and change nothing.")
        var dryRun = false

        @Flag(help: "Also delete retired Conveyor labels (never a label Conveyor did not make).")
        var prune = false

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let variables = ProcessEnvironment.variables
            let palette = try CheckoutConfiguration.load(directory: directory, variables: variables).palette
            let labels: RepositoryLabels
            do {
                labels = try RepositoryLabels(environment: target.environment(variables))
            } catch {
                Diagnostics.error(String(describing: error))
                throw ExitStatus.invalidInput
            }
            do {
                let sync = LabelSync(palette: palette, existing: try await labels.list(), prune: prune)
                if !dryRun { try await sync.apply(to: labels) }
                print(try LabelSyncReport(sync: sync, dryRun: dryRun, repository: labels.repository).rendered(format))
            } catch let error as ForgeError {
                Diagnostics.error(error.description)
                throw [.unauthorized, .forbidden].contains(error.code)
                    ? ExitStatus.missingAccess : ExitStatus.temporaryFailure
            }
        }
    }
}

/// What `labels sync` did (or would do), for the log or as JSON.
struct LabelSyncReport: Encodable {
    let repository: String
    let dryRun: Bool
    let changes: [String]
    let unchanged: Int
    let kept: [String]

    init(sync: LabelSync, dryRun: Bool, repository: RepositorySlug) {
        self.repository = "\(repository.owner)/\(repository.name)"
        self.dryRun = dryRun
        changes = sync.changes.map(\.description)
        unchanged = sync.unchanged.count
        kept = sync.kept
    }

    func rendered(_ format: OutputFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        case .text:
            let verb = dryRun ? "would" : "did"
            var lines = ["labels sync \(repository)\(dryRun ? " (dry run: nothing changed)" : ""):"]
            lines += changes.map { "  \(verb) \($0)" }
            lines += kept.map { "  kept \($0) (the repository's own label)" }
            lines.append("  \(changes.count) change(s), \(unchanged) label(s) already up to date")
            return lines.joined(separator: "\n")
        }
    }
}
