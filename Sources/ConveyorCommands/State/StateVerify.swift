import ArgumentParser
import Foundation
import StateBranch

extension Application.State {
    /// `conveyor state verify`: integrity, run and history checks; exit 1 on problems.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the state: SQLite integrity, every run finished or leased, linear history.",
            discussion: "Exit status 1 when a problem is found; each problem names its fix.")

        @OptionGroup var location: StateLocationOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let result = try await StateContext.with(location) { context in
                try await StateVerifier.verify(context.location)
            }
            Console.write(format == .json ? try StateOutput.json(result) : Self.text(result))
            if !result.isOK { throw ExitCode.failure }
        }

        static func text(_ result: StateVerification) -> String {
            guard let tip = result.tip else { return "ok: the state branch does not exist yet (nothing to check)" }
            let summary = "tip \(tip), \(result.commits) commit(s), \(result.runs) run(s)"
            guard !result.isOK else { return "ok: integrity ok, history linear, runs consistent (\(summary))" }
            let lines = result.problems.map { "- \($0.kind): \($0.detail)\n  fix: \($0.fix)" }
            return (["\(result.problems.count) problem(s) (\(summary)):"] + lines).joined(separator: "\n")
        }
    }
}
