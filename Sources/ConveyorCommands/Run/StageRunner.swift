import Actions
import Agents
import Execution
import Forge
import Foundation
import Git
import Pipeline
import StateBranch
import Triggers

/// Builds a ``StageJob`` for an authorized run from the job's inputs, and runs it.
struct StageRunner {
    let run: TriggerRun
    let inputs: JobInputs
    let agentFlag: String?
    let state: StateLocationOptions

    /// Runs the stage; operations other than a stage run (approve, abort, …) are refused with a clear error.
    func execute() async throws -> StageJobResult {
        guard case .stage(let stageName) = run.operation, var stage = inputs.configuration.pipeline[stageName] else {
            throw ValidationFailure(
                "`\(run.operation.name)` is recognised but not carried out by this version of conveyor; "
                    + "only stage runs are. Nothing was done.")
        }
        guard let item = run.workItem else {
            throw ValidationFailure("The event names no work item; pass --issue.")
        }
        stage.model = stage.model ?? inputs.configuration.agentDefaults.model
        let settings = inputs.settings
        let environment = inputs.environment
        let repository = try environment.repository
        let token =
            try environment.token.map { $0.reveal() }
            ?? { throw ValidationFailure("No forge token: pass GITHUB_TOKEN.") }()
        let forge = try ForgeClients.make(environment: environment)
        // A manual run's `agent` input counts as the flag: the one who dispatched the run chose it.
        let agent = try AgentSelection.resolve(
            flag: agentFlag ?? run.agent,
            environment: settings.agent.map { [AgentSelection.environmentVariable: $0] } ?? [:],
            repositoryConfiguration: stage.agent ?? inputs.configuration.agentDefaults.agent, stageDefault: "claude")
        let stateSettings = inputs.configuration.state
        return try await StateContext.with(state, branch: stateSettings.branch, file: stateSettings.file) { context in
            let runID =
                context.defaultRunID(stage: stageName.rawValue, number: item.number)
                + (run.mode == .rerun ? "-rerun-\(Int(Date().timeIntervalSince1970))" : "")
            let store = StateBranchStore(location: context.location, options: context.writeOptions(runID: runID))
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
                "conveyor-run-\(UUID().uuidString.prefix(8))", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let server = try environment.serverURL
            let job = StageJob(
                request: .init(
                    workItem: WorkItemKey(repository: "\(repository)", number: item.number, kind: item.kind.rawValue),
                    stage: stage, mode: run.mode, actor: run.actor?.login ?? "unknown", triggerLabel: triggerLabel,
                    trigger: run.source.description, runID: runID, holder: context.defaultHolder,
                    leaseSeconds: stage.timeoutMinutes * 60 + 600,
                    eventTime: EventTime.of(payload: inputs.triggerContext.payload),
                    attempt: environment.runAttempt ?? 1,
                    forgeRunID: environment.runID),
                environment: .init(
                    forge: forge, state: store, remote: server.appendingPathComponent("\(repository).git"),
                    credentials: .token(token), existingCheckout: environment.workspace, scratch: scratch,
                    labels: inputs.triggerContext.labels, pipeline: inputs.configuration.pipeline, agent: agent.kind,
                    agentEnvironment: settings.variables, claudeExecutable: settings.claudeExecutable,
                    codexExecutable: settings.codexExecutable, prices: inputs.configuration.prices,
                    commandTemplate: try settings.agentCommand.map { try CommandTemplate(parsing: $0) },
                    agentTimeout: settings.agentTimeout,
                    webURL: server.appendingPathComponent("\(repository)"),
                    selfLogins: Authorizer.builtInSelfLogins.union(settings.selfLogins).union([LocalForge.defaultAuthor]
                    ),
                    log: RunLog(
                        file: logFile(runID: runID),
                        context: .init(
                            traceID: runID, workItem: item.number, stage: stageName.rawValue,
                            agent: agent.kind.rawValue, attempt: environment.runAttempt ?? 1),
                        jobLog: { Console.write($0) }, progressInterval: settings.progressInterval),
                    secrets: environment.token.map { [$0] } ?? [],
                    transcripts: (settings.runnerTemp ?? FileManager.default.temporaryDirectory).appendingPathComponent(
                        "conveyor-\(runID)", isDirectory: true)))
            return try await job.run()
        }
    }

    /// `CONVEYOR_LOG_FILE`, else `conveyor-<run id>.jsonl` in `RUNNER_TEMP` (or the temporary directory).
    private func logFile(runID: String) -> URL {
        if let file = inputs.settings.logFile { return file }
        let folder = inputs.settings.runnerTemp ?? FileManager.default.temporaryDirectory
        return folder.appendingPathComponent("conveyor-\(runID).jsonl")
    }

    /// The label that started the run, removed once the stage is published.
    private var triggerLabel: String? {
        if case .label(let name) = run.source { return name }
        return nil
    }
}

/// A run that cannot start, with what to do.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
