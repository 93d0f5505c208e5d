import ArgumentParser
import Foundation
import StateBranch

extension Application.State {
    /// `conveyor state release`: free the lease on `(work item, stage)` held by this holder.
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Free the lease on (work item, stage) if this holder holds it.",
            discussion: "Exit 0 whether or not the lease was held; the output says which.")

        @OptionGroup var location: StateLocationOptions
        @OptionGroup var item: StateWorkItemOptions

        @Option(help: "The holder whose lease to free (default: the Actions run, else host and process).")
        var holder: String?

        @Option(name: .customLong("run-id"), help: "Only free the lease of this run.")
        var runID: String?

        func run() async throws {
            let line = try await StateContext.with(location) { context in
                let key = WorkItemKey(repository: context.repository(item.repository), number: item.number)
                let holder = holder ?? context.defaultHolder
                let change = StateChange.releaseLease(
                    LeaseRelease(workItem: key, stage: item.stage, holder: holder, runID: runID))
                let result = try await StateOutput.publish(
                    [change], message: "state: release \(item.stage) on \(key) (holder \(holder))",
                    runID: runID ?? holder, context: context)
                switch result.outcomes.first {
                case .leaseReleased: return "released the lease on \(key) \(item.stage) held by \(holder)"
                case .leaseNotHeld(let current?): return "not released: \(key) \(item.stage) is held by \(current)"
                default: return "nothing to release: \(holder) holds no lease on \(key) \(item.stage)"
                }
            }
            Console.write(line)
        }
    }
}
