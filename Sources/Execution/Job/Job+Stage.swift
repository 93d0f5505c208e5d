import Agents
import Forge
import Foundation
import Pipeline
import StateBranch
import Triggers

extension Job {
    /// Runs `stage` on `item` through ``StageJob``, with the owner's rounds for its prompt.
    ///
    /// - Parameters:
    ///   - triggerLabel: the label removed once the stage is published (the one that started it, or the display
    ///     label of a dispatched stage).
    ///   - ownerRounds: every round of findings and answers for the stage, oldest first, in full.
    ///   - requestedAgent: the `agent` input of a manual run, which counts as `--agent`.
    ///   - predecessorRunID: the run whose re-dispatch this resume continues (``StageJob/Request/predecessorRunID``).
    func runStage(
        _ name: StageName, mode: RunMode, item: WorkItemKey, actor: String, trigger: String, triggerLabel: String?,
        ownerRounds: [FlowState.OwnerRound] = [], requestedAgent: String? = nil, predecessorRunID: String? = nil
    ) async throws -> StageJobResult {
        guard var stage = context.configuration.pipeline[name] else {
            throw StageJobError("The stage `\(name)` is not in the pipeline; check .conveyor/config.yml.")
        }
        stage.model = stage.model ?? context.configuration.agentDefaults.model
        let agent = try AgentSelection.resolve(
            // A manual run's `agent` input counts as the flag: the one who dispatched the run chose it.
            flag: context.agentFlag ?? requestedAgent,
            environment: context.agentSetting.map { [AgentSelection.environmentVariable: $0] } ?? [:],
            repositoryConfiguration: stage.agent ?? context.configuration.agentDefaults.agent, stageDefault: "claude")
        let runID = context.runID(stage: name, number: item.number, mode: mode)
        let scratch = context.scratch.appendingPathComponent(
            "conveyor-run-\(UUID().uuidString.prefix(8))", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let temp = context.runnerTemp ?? FileManager.default.temporaryDirectory
        var request = StageJob.Request(
            workItem: item, stage: stage, mode: mode, actor: actor, triggerLabel: triggerLabel, trigger: trigger,
            runID: runID, holder: context.holder, leaseSeconds: stage.timeoutMinutes * 60 + 600,
            eventTime: event.time, attempt: context.attempt, forgeRunID: context.forgeRunID)
        request.predecessorRunID = predecessorRunID
        request.ownerRounds = ownerRounds.map {
            StagePrompt.OwnerRound(kind: $0.kind, author: $0.author, text: $0.text)
        }
        let job = StageJob(
            request: request,
            environment: .init(
                forge: context.forge, state: context.store(runID: runID), remote: context.remote,
                credentials: context.credentials, existingCheckout: context.existingCheckout, scratch: scratch,
                labels: context.labels, pipeline: context.configuration.pipeline, agent: agent.kind,
                agentEnvironment: context.agentEnvironment, claudeExecutable: context.claudeExecutable,
                codexExecutable: context.codexExecutable, prices: context.configuration.prices,
                commandTemplate: context.commandTemplate, agentTimeout: context.agentTimeout,
                webURL: context.webURL, selfLogins: context.selfLogins,
                log: RunLog(
                    file: context.logFile ?? temp.appendingPathComponent("conveyor-\(runID).jsonl"),
                    context: .init(
                        traceID: runID, workItem: item.number, stage: name.rawValue, agent: agent.kind.rawValue,
                        attempt: context.attempt),
                    jobLog: context.jobLog, progressInterval: context.progressInterval),
                secrets: context.secrets,
                transcripts: temp.appendingPathComponent("conveyor-\(runID)", isDirectory: true),
                work: context.configuration.work))
        return try await supervised(job).run()
    }

    /// `job` with the self-healing supervisor's policy from configuration, its mode overridden by the kill switch
    /// `CONVEYOR_REMEDIATION` (ADR 0017).
    private func supervised(_ job: StageJob) -> StageJob {
        var environment = job.environment
        var policy = context.configuration.remediation
        policy.mode = policy.effectiveMode(killSwitch: context.remediationKillSwitch)
        environment.remediation = policy
        environment.redispatch = redispatcher()
        return StageJob(request: job.request, environment: environment)
    }
}
