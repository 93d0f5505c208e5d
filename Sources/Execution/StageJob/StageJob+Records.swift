import Actions
import Agents
import Foundation
import Pipeline
import StateBranch

extension StageJob {
    /// Logs what the agent ran with and gathers its session and usage for the run's next state commit (no commit
    /// of its own): the withheld variables' names, where its transcript is, the session, tokens and cost.
    func recordSession(_ outcome: AgentOutcome, startedAt: Date, attemptNumber: Int? = nil) async {
        let withheld = outcome.withheldVariables
        await environment.log?.record(
            step: "agent.environment",
            result: withheld.isEmpty ? "withheld nothing" : "withheld \(withheld.joined(separator: ","))")
        if !withheld.isEmpty {
            StageJob.note("Variables withheld from the agent: \(withheld.joined(separator: ", ")).")
        }
        let transcript = outcome.transcript.directory
        await environment.log?.record(step: "agent.transcript", result: transcript.path)
        let usage = outcome.usage
        let stage = request.stage
        let suffix = attemptNumber.map { "-\(request.attempt).\($0)" } ?? "-\(request.attempt)"
        var session = AgentSessionRecord(
            sessionID: outcome.sessionID ?? "conveyor-\(request.runID)-\(stage.name.rawValue)\(suffix)",
            runID: request.runID, attempt: request.attempt, forgeRunID: request.forgeRunID,
            role: stage.role.rawValue, agent: environment.agent.rawValue, model: outcome.report?.model ?? stage.model,
            status: outcome.status.name, logPath: environment.transcripts == nil ? nil : transcript.path,
            turns: outcome.numTurns, inputTokens: usage.input, cachedTokens: usage.cacheRead + usage.cacheCreation,
            outputTokens: usage.output, costUSD: outcome.costUSD, startedAt: startedAt, endedAt: Date())
        session.attemptNumber = attemptNumber
        await journal.add(.recordAgentSession(session), note: "agent session \(session.sessionID)")
    }

    /// Says in the job log and the JSON-lines log which credential settings were removed from a reused checkout.
    func reportNeutralised(_ workspace: Workspace) async {
        guard !workspace.neutralisedSettings.isEmpty else { return }
        let names = workspace.neutralisedSettings.joined(separator: ", ")
        await environment.log?.record(step: "workspace.credentials", result: "removed \(names)")
        StageJob.warn(
            "The reused checkout had credentials in its git configuration; removed before the agent ran: \(names). "
                + "Use actions/checkout with persist-credentials: false.")
    }

    /// Writes an Actions notice to standard error (standard output stays machine-readable); escaped, so a name
    /// with a line break cannot start a workflow command of its own.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((WorkflowCommand.notice(message).line + "\n").utf8))
    }

    /// Writes an Actions warning annotation to standard error.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data((WorkflowCommand.warning(message).line + "\n").utf8))
    }
}
