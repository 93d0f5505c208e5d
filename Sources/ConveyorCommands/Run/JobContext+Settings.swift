import Actions
import Agents
import Execution
import Forge
import Foundation
import Git
import Pipeline
import StateBranch
import Triggers

extension JobContext {
    /// The context of a job in the Actions environment: the forge and git remote from `GITHUB_SERVER_URL` /
    /// `GITHUB_REPOSITORY` with the job's token, the state location `state` resolved, the agent from `--agent`,
    /// `CONVEYOR_AGENT` and the configuration.
    static func make(inputs: JobInputs, agentFlag: String?, state: StateContext) throws -> JobContext {
        let settings = inputs.settings
        let environment = inputs.environment
        let repository = try environment.repository
        let token = try inputs.forgeToken()
        let server = try environment.serverURL
        var context = JobContext(
            forge: try ForgeClients.make(environment: environment), repository: "\(repository)",
            remote: server.appendingPathComponent("\(repository).git"), credentials: .token(token),
            state: state.location, configuration: inputs.configuration, labels: inputs.triggerContext.labels,
            scratch: FileManager.default.temporaryDirectory, holder: state.defaultHolder)
        let options = state.writeOptions(runID: state.actionsRun ?? "local")
        context.stateDeadline = options.deadline
        context.pendingDirectory = options.pendingDirectory
        context.agentFlag = agentFlag
        context.agentSetting = settings.agent
        context.agentEnvironment = settings.variables
        context.claudeExecutable = settings.claudeExecutable
        context.codexExecutable = settings.codexExecutable
        context.commandTemplate = try settings.agentCommand.map { try CommandTemplate(parsing: $0) }
        context.agentTimeout = settings.agentTimeout
        context.existingCheckout = environment.workspace
        context.runnerTemp = settings.runnerTemp
        context.logFile = settings.logFile
        context.webURL = server.appendingPathComponent("\(repository)")
        context.selfLogins = Authorizer.builtInSelfLogins.union(settings.selfLogins).union([LocalForge.defaultAuthor])
        context.secrets = environment.token.map { [$0] } ?? []
        context.workflowFile = settings.workflowFile
        context.actionsRun = state.actionsRun
        context.attempt = environment.runAttempt ?? 1
        context.forgeRunID = environment.runID
        context.jobLog = { Console.write($0) }
        context.progressInterval = settings.progressInterval
        context.remediationKillSwitch = settings.remediationMode
        return context
    }
}

/// A run that cannot start, with what to do.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
