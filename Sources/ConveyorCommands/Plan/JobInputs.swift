import Actions
import Foundation
import Pipeline
import Triggers

/// Everything a job reads before it decides anything: the Actions environment, the event, the label
/// names and the pipeline configuration. Reading touches local files only, never the network.
struct JobInputs: Sendable {
    /// Every setting from the environment, read once.
    let settings: Settings
    /// The Actions environment of the step (``Settings/actions``).
    var environment: ActionsEnvironment { settings.actions }
    /// The job's forge token in clear, for the forge client and the git remote that need it.
    ///
    /// - Throws: ``ValidationFailure`` naming `GITHUB_TOKEN` when the step passed none.
    func forgeToken() throws -> String {
        guard let token = environment.token else { throw ValidationFailure("No forge token: pass GITHUB_TOKEN.") }
        return token.reveal()
    }

    /// The context handed to the trigger resolver.
    var triggerContext: TriggerContext
    /// The pipeline and settings in force.
    let configuration: PipelineConfiguration

    /// Flags that override what the environment says.
    struct Flags: Sendable {
        var eventName: String?
        var eventPath: String?
        var issue: Int?
        var stage: String?
        var mode: String?
        var repositoryRoot: String?
    }

    /// Reads the inputs of one job.
    ///
    /// - Throws: ``JobInputError`` naming the variable, flag or file to fix.
    static func read(flags: Flags, settings: Settings) throws -> JobInputs {
        try flags.validate()
        let variables = settings.variables
        let environment = settings.actions
        guard let eventName = flags.eventName ?? environment.eventName else {
            throw JobInputError("No event name: set GITHUB_EVENT_NAME (the runner does) or pass --event-name.")
        }
        let payload = try readPayload(flags.eventPath.map(URL.init(fileURLWithPath:)) ?? environment.eventPath)
        let root = flags.repositoryRoot.map(URL.init(fileURLWithPath:)) ?? environment.workspace
        var configuration = PipelineConfiguration.default
        if let root {
            do {
                configuration = try PipelineConfiguration.load(repositoryRoot: root)
            } catch {
                throw JobInputError(error.description)
            }
        }
        let labels: LabelCatalog
        do {
            labels = try LabelCatalog(environment: variables, pipeline: configuration.pipeline)
        } catch {
            throw JobInputError(error.message)
        }
        let context = TriggerContext(
            eventName: eventName, payload: payload, forge: environment.forge == .gitea ? .gitea : .github,
            labels: labels, pipeline: configuration.pipeline,
            overrides: .init(issue: flags.issue, stage: flags.stage, mode: flags.mode))
        return JobInputs(settings: settings, triggerContext: context, configuration: configuration)
    }

    private static func readPayload(_ url: URL?) throws -> Data {
        guard let url else {
            throw JobInputError("No event payload: set GITHUB_EVENT_PATH (the runner does) or pass --event-path.")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw JobInputError(
                "The event payload \(url.path) could not be read; check GITHUB_EVENT_PATH or --event-path.")
        }
    }
}

extension JobInputs.Flags {
    /// Checks the flags that name a work item, stage or mode, whatever the event: a flag given is a flag obeyed or
    /// refused, never ignored.
    ///
    /// - Throws: ``JobInputError`` naming the flag and the values it takes.
    func validate() throws {
        if let issue, issue < 1 {
            throw JobInputError(
                "`--issue \(issue)` is not an issue or pull request number; pass a number of 1 or more.")
        }
        if let stage, StageName(rawValue: stage.lowercased()) == nil {
            throw JobInputError("`--stage \(stage)` is not a stage; use one of \(StageName.allNamesList).")
        }
        if let mode, RunMode.manualModes.first(where: { $0.rawValue == mode.lowercased() }) == nil {
            throw JobInputError(
                "`--mode \(mode)` is not a run mode; use one of "
                    + "\(RunMode.manualModes.map(\.rawValue).joined(separator: ", ")).")
        }
    }
}

/// Input that a person must fix before a job can decide anything.
struct JobInputError: Error, CustomStringConvertible {
    /// A full sentence naming what to fix.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
