import ArgumentParser

extension Application {
    /// Checks the environment, the libraries and the forge settings, and says what to fix.
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check libraries, forge detection and token presence; name the fix for each problem."
        )

        func run() async throws {
            print("doctor: not yet implemented")
        }
    }
}
