import Actions
import ArgumentParser
import Foundation

extension Application {
    /// Checks the libraries and the forge settings of this runner, and names the fix for each problem.
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check libraries, forge detection and token presence; name the fix for each problem.",
            discussion: """
                Reads only the environment: no network, no files. Exit status 1 when a check fails.

                  conveyor doctor
                  conveyor doctor --format json
                """
        )

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let settings: Settings
            do {
                settings = try Settings.current()
            } catch {
                Diagnostics.error("\(error)")
                throw ExitStatus.invalidInput
            }
            let report = DoctorReport.make(libraries: .linked(), environment: settings.actions)
            Console.write(try report.rendered(as: format))
            if !report.ok { throw ExitCode.failure }
        }
    }
}
