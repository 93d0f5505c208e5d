import ArgumentParser
import Foundation
import StateBranch

extension Application.State {
    /// `conveyor state replay FILE`: apply the changes of a pending-state file.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the changes saved in a pending-state file, then remove the file.",
            discussion: """
                Safe to run more than once: every change is idempotent. A file holding only an unlanded claim (its \
                job did nothing) is removed without replaying. The file's branch and remote are used \
                unless the location flags or variables say otherwise. Exit 3 when a lease claim in the file is now \
                held by another live run (the file is removed: the claim lost); exit 4 when the push fails again \
                (the error names the new pending file, which replaces this one).
                """)

        @OptionGroup var location: StateLocationOptions

        @Argument(help: "The pending-state file conveyor named in its error.")
        var file: String

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            let pending = try PendingStateFile.read(from: url)
            if pending.isAbandonedClaim {
                try FileManager.default.removeItem(at: url)
                StateOutput.note(
                    "conveyor: \(file) holds a claim that never landed; its job did nothing, so nothing was replayed "
                        + "(replaying would record a run that never ran). Removed the file.")
                return
            }
            let result = try await StateContext.with(
                location, branch: pending.branch, file: pending.file, fallbackRemote: pending.remote
            ) { context in
                do {
                    return try await StateOutput.publish(
                        pending.changes, message: pending.message, runID: "replay", context: context)
                } catch let exit as ExitCode where exit == StateExitCode.notPublished {
                    try? FileManager.default.removeItem(at: url)
                    throw exit
                }
            }
            try FileManager.default.removeItem(at: url)
            if let held = result.heldLease {
                StateOutput.note("conveyor: the claim in \(file) lost: the lease is held by \(held); removed the file.")
                throw StateExitCode.duplicate
            }
            Console.write(
                "replayed \(pending.changes.count) change(s) from \(file) (commit \(StateOutput.short(result.commit)))")
        }
    }
}
