import ArgumentParser
import Foundation
import Git
import StateBranch

extension Application.State {
    /// `conveyor state record-run`: record a whole run (started and finished) in one write.
    struct RecordRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-run",
            abstract: "Record a run that has finished: its start and its end, in one commit.",
            discussion: """
                With --run-id of a run already recorded, only its end is recorded (the first end wins), which is \
                how `state verify` asks to close a run whose job died. Frees the run's leases.
                """)

        @OptionGroup var location: StateLocationOptions
        @OptionGroup var item: StateWorkItemOptions

        @Option(help: "How the run ended: succeeded, failed, skipped, duplicate, cancelled.")
        var status: String

        @Option(name: .customLong("run-id"), help: "The run's ID (default: derived from the Actions run, else random).")
        var runID: String?

        @Option(help: "A short outcome, e.g. the gate verdict.")
        var outcome: String?

        @Option(help: "The run's mode: run, rerun, resume.")
        var mode: String = "run"

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        /// What `record-run --format json` prints.
        struct Report: Encodable {
            let runID: String
            let status: String
            let recorded: Bool
            let commit: String?
        }

        func validate() throws {
            guard RunStatus(rawValue: status).isTerminal else {
                let names = RunStatus.terminal.map(\.rawValue).sorted().joined(separator: ", ")
                throw ValidationError("--status must be one that ends a run: \(names).")
            }
        }

        func run() async throws {
            let report = try await StateContext.with(location) { context in
                let now = Date()
                let key = WorkItemKey(repository: context.repository(item.repository), number: item.number)
                let runID = runID ?? context.defaultRunID(stage: item.stage, number: item.number)
                let changes: [StateChange] = [
                    .startRun(RunStart(runID: runID, workItem: key, stage: item.stage, mode: mode, at: now)),
                    .finishRun(RunFinish(runID: runID, status: RunStatus(rawValue: status), outcome: outcome, at: now)),
                ]
                let result = try await StateOutput.publish(
                    changes, message: "state: record run \(runID) of \(item.stage) on \(key) (\(status))",
                    runID: runID, context: context)
                return Report(
                    runID: runID, status: status, recorded: result.commit != nil, commit: result.commit?.description)
            }
            if format == .json {
                Console.write(try StateOutput.json(report))
            } else {
                let what = report.recorded ? "recorded" : "already recorded"
                Console.write("\(what): run \(report.runID) \(report.status) (commit \(report.commit ?? "none"))")
            }
        }
    }
}
