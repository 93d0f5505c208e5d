import ArgumentParser

/// The flags `plan` and `run` share: what overrides the Actions environment's event, and where the
/// repository's configuration is.
struct JobOptions: ParsableArguments {
    @Option(help: "Event name; default GITHUB_EVENT_NAME.") var eventName: String?
    @Option(help: "Event payload file; default GITHUB_EVENT_PATH.") var eventPath: String?
    @Option(help: "Work item number (workflow_call, dispatch).") var issue: Int?
    @Option(help: "Stage name (workflow_call, dispatch), e.g. intake.") var stage: String?
    @Option(help: "Run mode: run, rerun or resume.") var mode: String?
    @Option(help: "Repository checkout holding .conveyor/config.yml; default GITHUB_WORKSPACE.")
    var repositoryRoot: String?

    /// The flags as ``JobInputs`` reads them.
    var flags: JobInputs.Flags {
        JobInputs.Flags(
            eventName: eventName, eventPath: eventPath, issue: issue, stage: stage, mode: mode,
            repositoryRoot: repositoryRoot)
    }
}
