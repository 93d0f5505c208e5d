import ArgumentParser
import Foundation
import Reporting
import StateBranch
import Store

extension ReportRenderer.Format: ExpressibleByArgument {}

extension Application {
    /// Renders the pipeline's history from the state branch as Markdown, HTML or JSON.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Render per-item and per-repository figures from the state branch (Markdown, HTML or JSON).",
            discussion: """
                Per work item: stages with durations, verdicts, revise rounds, who approved, tokens and cost. Per \
                repository: items by stage, runs finished per day, median lead time per stage, success rate, cost \
                per stage and per day. The state branch is found as for `conveyor state` (--state-remote, \
                CONVEYOR_STATE_REMOTE, else the job's repository); --database reads a local copy instead.

                  conveyor report >> "$GITHUB_STEP_SUMMARY"
                  conveyor report --format html --output report.html
                  conveyor report --database state.sqlite --format json
                """
        )

        @OptionGroup var location: StateLocationOptions

        @Option(help: "Read this state database file instead of the state branch.")
        var database: String?

        @Option(help: "Only work items of this repository (owner/name).")
        var repository: String?

        @Option(help: "Output format: markdown, html or json.")
        var format: ReportRenderer.Format = .markdown

        @Option(help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            let repository = repository
            let report: PipelineReport
            if let database {
                guard FileManager.default.fileExists(atPath: database) else {
                    Diagnostics.error("No state database at \(database).")
                    throw ExitStatus.invalidInput
                }
                let opened = try await StateDatabase.open(at: URL(fileURLWithPath: database))
                do {
                    report = try await ReportBuilder.build(from: opened, repository: repository)
                    try await opened.close()
                } catch {
                    try? await opened.close()
                    throw error
                }
            } else {
                report = try await StateContext.with(location) { context in
                    try await StateSnapshot.reading(context.location) {
                        try await ReportBuilder.build(from: $0.database, repository: repository)
                    }
                }
            }
            let text = try ReportRenderer.render(report, as: format)
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                print(text, terminator: "")
            }
        }
    }
}
