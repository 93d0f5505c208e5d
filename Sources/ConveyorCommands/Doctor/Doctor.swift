import Actions
import ArgumentParser
import Foundation

extension Application {
    /// Checks the libraries and the forge settings of this runner, and names the fix for each problem.
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check libraries, forge detection, token presence and the agent; name the fix for each problem.",
            discussion: """
                Reads the environment and runs the agent's CLI with `--version` (claude: found on PATH or at \
                CONVEYOR_CLAUDE_BIN, and one of ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN \
                set); no network. Exit status 1 when a check fails.

                  conveyor doctor
                  conveyor doctor --format json
                  conveyor doctor --forge-checks   # in a job: labels present, label variables, token write access
                """
        )

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Flag(
            name: .customLong("forge-checks"),
            help: "Also ask the forge: label variables, labels present, the token's write access (network).")
        var forgeChecks = false

        func run() async throws {
            let settings: Settings
            do {
                settings = try Settings.current()
            } catch {
                Diagnostics.error("\(error)")
                throw ExitStatus.invalidInput
            }
            let environment = settings.actions
            let base = DoctorReport.make(libraries: .linked(), environment: environment)
            var forge: [DoctorCheck] = []
            if forgeChecks {
                forge = await DoctorReport.adoptionChecks(
                    environment, variables: settings.variables,
                    repositoryRoot: environment.workspace ?? URL(fileURLWithPath: "."))
            }
            let report = DoctorReport(
                checks: base.checks
                    + DoctorReport.agentChecks(
                        variables: settings.variables, isActions: environment.isActions,
                        version: DoctorReport.programVersion) + forge)
            Console.write(try report.rendered(as: format))
            if !report.ok { throw ExitCode.failure }
        }
    }
}
