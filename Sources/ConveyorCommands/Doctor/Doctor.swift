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
                """
        )

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let environment = ActionsEnvironment()
            let base = DoctorReport.make(libraries: .linked(), environment: environment)
            let report = DoctorReport(
                checks: base.checks
                    + DoctorReport.agentChecks(
                        variables: ProcessEnvironment.variables, isActions: environment.isActions,
                        version: DoctorReport.programVersion))
            print(try report.rendered(as: format))
            if !report.ok { throw ExitCode.failure }
        }
    }
}
