import ArgumentParser
import Foundation
import StateBranch

extension Application.State {
    /// `conveyor state runs`: the recorded runs, most recent first.
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List runs with their work item, stage, mode, status and times, most recent first.")

        @OptionGroup var location: StateLocationOptions

        @Option(help: "The most runs to list.")
        var limit: Int = 50

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            let limit = limit
            let runs = try await StateContext.with(location) { context in
                try await StateSnapshot.reading(context.location) { try await $0.database.runs(limit: limit) }
            }
            if format == .json {
                Console.write(try StateOutput.json(runs))
            } else if runs.isEmpty {
                Console.write("No runs recorded.")
            } else {
                for run in runs { Console.write(Self.line(run)) }
            }
        }

        static func line(_ run: RunSummary) -> String {
            let ended = run.endedAt.map(StateOutput.time) ?? "-"
            let outcome = run.outcome.map { " (\($0))" } ?? ""
            return """
                \(run.runID)  \(run.workItem) \(run.stage) \(run.mode)  \(run.status)\(outcome)  \
                \(StateOutput.time(run.startedAt)) → \(ended)
                """
        }
    }
}
