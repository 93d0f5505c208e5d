import ArgumentParser
import Foundation
import StateBranch

extension Application.State {
    /// `conveyor state metrics`: the self-healing figures per stage, from the state branch (ADR 0017).
    struct Metrics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show per-stage success rate, rerun uplift, flaky ratio, mean time to repair and cost.",
            discussion: """
                Computed from state: success rate = succeeded ÷ finished runs; rerun uplift = runs that succeeded \
                only after a live remediation recovered them ÷ finished runs; flaky ratio = failures classified \
                flaky ÷ all classified failures; MTTR = mean time from a run's first failure to the end of that \
                run when it still succeeded; cost = what the agents reported for the stage.
                """)

        @OptionGroup var location: StateLocationOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let metrics = try await StateContext.with(location) { context in
                try await StateSnapshot.reading(context.location) { try await $0.database.supervisionMetrics() }
            }
            if format == .json {
                Console.write(try StateOutput.json(metrics))
            } else if metrics.isEmpty {
                Console.write("No finished runs recorded.")
            } else {
                Console.write("stage  runs  success  uplift  flaky  escalations  MTTR  cost")
                for stage in metrics { Console.write(Self.line(stage)) }
            }
        }

        static func line(_ stage: StageHealthMetrics) -> String {
            let repair = stage.meanSecondsToRepair.map { String(format: "%.0f s", $0) } ?? "-"
            return "\(stage.stage)  \(stage.finishedRuns)  \(percent(stage.successRate))  "
                + "\(percent(stage.rerunUplift))  \(percent(stage.flakyRatio))  \(stage.escalations)  \(repair)  "
                + String(format: "$%.4f", stage.costUSD)
        }

        private static func percent(_ ratio: Double) -> String {
            String(format: "%.0f%%", ratio * 100)
        }
    }
}
