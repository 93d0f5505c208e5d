import ArgumentParser
import Foundation
import Git
import StateBranch

extension Application.State {
    /// `conveyor state log`: the commits of the state branch, newest first.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the state branch's commits, newest first.")

        @OptionGroup var location: StateLocationOptions

        @Option(help: "The most commits to list.")
        var limit: Int = 20

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        /// One commit in `log --format json`.
        struct Entry: Encodable {
            let id: String
            let parents: [String]
            let date: Date
            let message: String
        }

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            let limit = limit
            let entries = try await StateContext.with(location) { context in
                try await StateSnapshot.reading(context.location) { try await $0.history(limit: limit) }.map {
                    Entry(
                        id: $0.id.description, parents: $0.parents.map(\.description), date: $0.date,
                        message: $0.summary)
                }
            }
            if format == .json {
                Console.write(try StateOutput.json(entries))
            } else if entries.isEmpty {
                Console.write("The state branch has no commits yet.")
            } else {
                for entry in entries {
                    Console.write("\(entry.id.prefix(12))  \(StateOutput.time(entry.date))  \(entry.message)")
                }
            }
        }
    }
}
