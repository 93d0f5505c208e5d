import ArgumentParser

/// The root command of `conveyor`. Subcommands are nested types in extensions of this type.
public struct Application: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "conveyor",
        abstract: "Move one work item through one stage of a gated, agent-driven delivery pipeline.",
        version: ConveyorVersion.current,
        subcommands: [
            Doctor.self, Init.self, Labels.self, Plan.self, Report.self, Run.self, Simulate.self, State.self, Tick.self,
        ]
    )

    public init() {}
}

/// The version this binary reports in `--version` and in `doctor`.
public enum ConveyorVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
