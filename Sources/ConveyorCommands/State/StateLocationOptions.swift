import ArgumentParser

/// The flags that say where the state branch is; see ``StateContext`` for the environment fallbacks.
struct StateLocationOptions: ParsableArguments {
    @Option(name: .customLong("state-remote"), help: "The git remote holding the state branch.")
    var remote: String?

    @Option(name: .customLong("state-branch"), help: "The state branch (default: conveyor/state).")
    var branch: String?

    @Option(name: .customLong("state-file"), help: "The database file on the branch (default: state.sqlite).")
    var file: String?

    @Option(name: .customLong("state-cache"), help: "A directory for this process's cache (default: a temporary one).")
    var cache: String?
}

/// The flags that name one `(work item, stage)`.
struct StateWorkItemOptions: ParsableArguments {
    @Option(name: .customLong("work-item"), help: "The issue or pull request number.")
    var number: Int

    @Option(help: "The stage, e.g. dev.")
    var stage: String

    @Option(help: "The repository as owner/name (default: GITHUB_REPOSITORY, else the remote's path).")
    var repository: String?

    func validate() throws {
        guard number > 0 else { throw ValidationError("--work-item must be a positive issue or pull request number.") }
        guard !stage.isEmpty else { throw ValidationError("--stage must name a stage, e.g. dev.") }
    }
}
