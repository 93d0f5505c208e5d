import Actions
import Agents
import ArgumentParser
import Execution
import Forge
import Foundation
import Git
import Pipeline
import StateBranch
import Triggers

extension Application {
    /// The whole intake flow offline: a local file-backed forge, a local bare repository, the offline agent.
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
            abstract: "Run the pipeline offline on a sample project, and show what happened and where.",
            discussion: """
                Creates a local bare repository with a sample project, a file-backed forge (one JSON file) with
                an issue, has the owner add the intake label, then runs the same job as `conveyor run`:
                authorization, lease, work branch, agent, gate, pull request, status comment, labels, state. With
                --through, the owner's approvals (and answers to open questions) are scripted and every dispatch
                Conveyor makes to start the next stage runs as the job it would start, up to that stage.

                  conveyor simulate
                  conveyor simulate --through ops      # the whole pipeline, twelve stages
                  conveyor simulate --directory demo --title "Export notes as PDF"
                  conveyor simulate --agent claude      # with ANTHROPIC_API_KEY set
                  conveyor simulate --release-train     # a whole release train, scripted clock and replies
                """
        )

        @Option(help: "Folder for the demo (must not exist yet); default a new temporary folder.")
        var directory: String?
        @Option(help: "The issue's title.") var title = "Let people export their notes as PDF"
        @Option(help: "The issue's body.")
        var body =
            "People keep notes in Paper Trail and want to share them with colleagues who do not use it.\n\n"
            + "Which page sizes do we need to support?"
        @Option(help: "Agent: offline (default), claude, codex or command.") var agent = "offline"
        @Option(help: "The last stage to run, e.g. ops for the whole pipeline; intake when absent.")
        var through: String = StageName.intake.rawValue
        @Flag(
            name: .customLong("release-train"),
            help: "Run a whole release train instead: Friday 11:00 Moscow to READY_FOR_BRANCH_CUT, replies scripted.")
        var releaseTrain = false

        func run() async throws {
            guard let last = StageName(rawValue: through.lowercased()) else {
                throw ValidationError("`--through \(through)` is not a stage; use one of \(StageName.allNamesList).")
            }
            let root = try demoFolder()
            if releaseTrain {
                for line in try await SimulatedTrain.run(in: root) { Console.write(line) }
                return
            }
            let world = try await SimulatedWorld.create(in: root, title: title, body: body)
            let reports = try await world.run(
                through: last,
                agent: try AgentSelection.resolve(
                    flag: agent, environment: [:], repositoryConfiguration: nil, stageDefault: "offline"
                ).kind
            ) { Console.write($0) }
            try await world.describe(reports)
        }

        private func demoFolder() throws -> URL {
            let url =
                directory.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "conveyor-demo-\(UUID().uuidString.prefix(8))", isDirectory: true)
            guard !FileManager.default.fileExists(atPath: url.path) else {
                throw ValidationError("\(url.path) already exists; pass a new --directory (the demo never overwrites).")
            }
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
    }
}
