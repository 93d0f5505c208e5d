import ArgumentParser
import Foundation
import StateBranch

extension Application.State {
    /// `conveyor state export`: the database as JSON lines, or a copy of the file.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every row as JSON lines, or copy the SQLite file with --output FILE.")

        @OptionGroup var location: StateLocationOptions

        @Option(help: "Write a copy of the SQLite file here instead of printing JSON lines.")
        var output: String?

        func run() async throws {
            let output = output
            try await StateContext.with(location) { context in
                try await StateSnapshot.reading(context.location) { snapshot in
                    guard let output else {
                        for line in try await snapshot.database.exportJSONLines() { Console.write(line) }
                        return
                    }
                    guard try await snapshot.copyDatabase(to: URL(fileURLWithPath: output)) else {
                        throw StateCommandError.nothingToExport(branch: context.location.branch)
                    }
                    StateOutput.note("Wrote the state database at \(StateOutput.short(snapshot.tip)) to \(output).")
                }
            }
        }
    }
}
