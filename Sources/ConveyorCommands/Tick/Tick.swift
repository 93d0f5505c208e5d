import Actions
import ArgumentParser
import Flows
import Forge
import Foundation
import Pipeline
import StateBranch

extension Application {
    /// `conveyor tick`: the heartbeat. Everything it does is in ``Flows/Heartbeat``; this only reads flags.
    struct Tick: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tick",
            abstract:
                "The heartbeat: the release train, expired leases, drifted status comments, daily reminders, missed "
                + "stages, dev runs waiting for CI.",
            discussion: """
                Run by a `schedule` workflow every 15 minutes, and by hand. It reads the state branch once and exits \
                at once when nothing is due. Every chore is recorded in state, so a second tick at the same time \
                changes nothing. Prints one line per thing done.

                  conveyor tick                                   # the real clock
                  conveyor tick --now 2026-12-04T08:00:00Z         # as if it were that time
                  conveyor tick --flow release-train --dry-run     # look at the train now; write nothing
                """
        )

        @OptionGroup var target: ForgeTargetOptions
        @OptionGroup var state: StateLocationOptions

        @Option(help: "The time to act at, RFC 3339 (e.g. 2026-12-04T11:00:00+03:00); default: now.")
        var now: String?

        @Option(help: "Which chores: all (what is due), or release-train (look at the train now).")
        var flow: Heartbeat.Selection = .all

        @Flag(name: .customLong("dry-run"), help: "Decide and print what would be done; write nothing.")
        var dryRun = false

        @Option(
            help:
                "Repository checkout holding .conveyor/config.yml (default: GITHUB_WORKSPACE, else the current directory)."
        )
        var directory: String?

        func run() async throws {
            let clock = try Self.parseTime(now)
            let variables = ProcessEnvironment.variables
            let settings: Settings
            let configuration: PipelineConfiguration
            let labels: LabelCatalog
            let environment = target.environment(variables)
            let forge: any ForgeClient
            do {
                settings = try Settings(variables)
                let root = URL(fileURLWithPath: directory ?? variables["GITHUB_WORKSPACE"] ?? ".")
                configuration = try PipelineConfiguration.load(repositoryRoot: root)
                labels = try LabelCatalog(environment: variables, pipeline: configuration.pipeline)
                forge = try ForgeClients.make(environment: environment)
            } catch {
                Diagnostics.error(String(describing: error))
                throw ExitStatus.of(error)
            }
            let (apiURL, token) = (try? environment.apiURL, environment.token)
            var dryRunForges: [DryRunForge] = []
            let main: any ForgeClient = dryRun ? DryRunForge(forge).recorded(in: &dryRunForges) : forge
            let others = OtherRepositories(
                kind: forge.kind, apiURL: apiURL, token: token, dryRun: dryRun)
            dryRunForges += others.dryRunForges(
                for: configuration.releaseTrain.repositories, excluding: forge.repository)
            let heartbeat = Heartbeat(
                context: .init(
                    forge: main, client: others.client(in: dryRunForges), configuration: configuration, labels: labels,
                    selfLogins: Authorizer.builtInSelfLogins.union(settings.selfLogins),
                    missedWork: MissedStageFinder(
                        forge: main, pipeline: configuration.pipeline, labels: labels,
                        workflowFile: settings.workflowFile),
                    pendingCI: PendingCIChecks(workflowFile: settings.workflowFile),
                    log: FlowLog(file: settings.logFile, clock: { clock })))
            do {
                try await StateContext.with(state) { context in
                    let report = try await TickJob.run(
                        heartbeat: heartbeat, at: clock, selection: flow, location: context.location,
                        options: context.writeOptions(runID: "tick-\(Int(clock.timeIntervalSince1970))"),
                        dryRun: dryRun, dryRunForges: dryRunForges)
                    print(report.lines.map { "tick: \($0)" }.joined(separator: "\n"))
                }
            } catch {
                Diagnostics.error(String(describing: error))
                throw ExitStatus.of(error)
            }
        }

        /// `text` as RFC 3339 (fractional seconds allowed); now when nil.
        static func parseTime(_ text: String?) throws -> Date {
            guard let text else { return Date() }
            let plain = ISO8601DateFormatter()
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = plain.date(from: text) ?? fractional.date(from: text) else {
                throw ValidationError(
                    "--now \(text) is not an RFC 3339 time. Write it like 2026-12-04T11:00:00+03:00 or 2026-12-04T08:00:00Z."
                )
            }
            return date
        }
    }
}

extension Heartbeat.Selection: ExpressibleByArgument {}

extension DryRunForge {
    /// Appends itself to `list` and returns itself.
    fileprivate func recorded(in list: inout [DryRunForge]) -> DryRunForge {
        list.append(self)
        return self
    }
}

/// Clients for the train's other repositories, on the same forge with the same token.
private struct OtherRepositories: Sendable {
    let kind: ForgeKind
    let apiURL: URL?
    let token: Secret?
    let dryRun: Bool

    func make(_ repository: RepositorySlug) -> any ForgeClient {
        ForgeClients.make(
            kind: kind, apiURL: apiURL ?? URL(fileURLWithPath: "/"), repository: repository,
            token: token ?? Secret(""))
    }

    /// Dry-run wrappers made up front (the heartbeat asks for clients while it runs).
    func dryRunForges(for names: [String], excluding own: RepositorySlug) -> [DryRunForge] {
        guard dryRun else { return [] }
        return names.compactMap { try? RepositorySlug(parsing: $0) }.filter { $0 != own }.map { DryRunForge(make($0)) }
    }

    func client(in dryRunForges: [DryRunForge]) -> @Sendable (RepositorySlug) -> any ForgeClient {
        { repository in
            dryRunForges.first { $0.repository == repository } ?? make(repository)
        }
    }
}
