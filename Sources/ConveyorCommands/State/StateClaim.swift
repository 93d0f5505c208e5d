import ArgumentParser
import Foundation
import StateBranch

extension Application.State {
    /// `conveyor state claim`: start a run and take the lease on `(work item, stage)`, or exit 3 as a duplicate.
    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a started run and claim the lease on (work item, stage).",
            discussion: """
                Exit 0 when the lease is ours (free, already ours, or taken over from an expired holder). Exit 3 \
                when another live run holds it (or the run has already finished): this job is a duplicate; a note \
                on stderr names the holder, its run and when the lease expires, and nothing is written.
                """)

        @OptionGroup var location: StateLocationOptions
        @OptionGroup var item: StateWorkItemOptions

        @Option(help: "Who claims (default: the Actions run and attempt, else host and process).")
        var holder: String?

        @Option(name: .customLong("run-id"), help: "The run's ID (default: derived from the Actions run, else random).")
        var runID: String?

        @Option(help: "How long the lease lasts, in seconds; a crashed job blocks the work at most this long.")
        var ttl: Int = 3_600

        @Option(help: "The run's mode: run, rerun, resume.")
        var mode: String = "run"

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            guard ttl > 0 else { throw ValidationError("--ttl must be at least 1 second.") }
        }

        func run() async throws {
            let claim = try await StateContext.with(location) { context in
                let request = ClaimRequest(command: self, context: context, now: Date())
                let result = try await StateOutput.publish(
                    request.changes, message: request.message, runID: request.runID, context: context)
                return ClaimReport(request: request, result: result)
            }
            Console.write(format == .json ? try StateOutput.json(claim) : claim.text)
            if let note = claim.duplicateNote {
                StateOutput.note("conveyor: \(note)")
                throw StateExitCode.duplicate
            }
        }
    }
}
