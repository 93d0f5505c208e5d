import Gates
import Pipeline
import Testing

/// Stages of the default pipeline and helpers to run a gate in tests.
enum Stages {
    static func `default`(_ name: StageName) throws -> StageDefinition {
        try #require(Pipeline.default[name])
    }

    /// A runner that fails the test if a command is run.
    static let noCommands = CommandRunner { arguments, _ in
        Issue.record("unexpected command \(arguments)")
        return .exited(99)
    }

    /// Evaluates `stage` on `tree`'s work item with `changedPaths`.
    static func evaluate(
        _ stage: StageDefinition, in tree: WorkTree, changedPaths: [String] = [], runner: CommandRunner = noCommands
    ) async -> GateVerdict {
        await GateEvaluator(commandRunner: runner).evaluate(
            stage: stage, workItem: tree.workItem, workTree: tree.url, changedPaths: changedPaths)
    }
}
