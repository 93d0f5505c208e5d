import Actions
import Agents
import DocAudit
import Execution
import Forge
import Foundation
import Git
import Pipeline
import StateBranch
import Triggers

/// Builds a ``DocAuditJob`` for a pull request's doc audit from the job's inputs, runs it and reports it: exit 0
/// when the audit passed (or a newer head superseded it), 1 when it failed.
struct DocAuditRunner {
    let run: TriggerRun
    let audit: PullRequestAudit
    let inputs: JobInputs
    let agentFlag: String?
    let state: StateLocationOptions

    func execute(output: ActionsOutput) async throws {
        guard let item = run.workItem, item.kind == .pullRequest else {
            throw ValidationFailure("A doc audit needs a pull request; the event names none.")
        }
        let settings = inputs.settings
        let environment = inputs.environment
        let repository = try environment.repository
        let token = try inputs.forgeToken()
        let forge = try ForgeClients.make(environment: environment)
        let agent = try AgentSelection.resolve(
            flag: agentFlag, environment: settings.agent.map { [AgentSelection.environmentVariable: $0] } ?? [:],
            repositoryConfiguration: inputs.configuration.pipeline[.docAudit]?.agent
                ?? inputs.configuration.agentDefaults.agent, stageDefault: "claude")
        let stateSettings = inputs.configuration.state
        let result = try await StateContext.with(state, branch: stateSettings.branch, file: stateSettings.file) {
            context in
            let runID = context.defaultRunID(stage: "doc-audit", number: item.number)
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
                "conveyor-audit-\(UUID().uuidString.prefix(8))", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let job = DocAuditJob(
                request: .init(
                    pullRequest: item.number, repository: "\(repository)", eventHeadSHA: audit.headSHA,
                    actor: run.actor?.login ?? "unknown", trigger: run.source.description, runID: runID,
                    agentPolicy: DocAuditAgentPolicy(rawValue: settings.docAuditAgent) ?? .auto,
                    docsRoots: settings.docAuditRoots, triggerLabel: triggerLabel),
                environment: .init(
                    forge: forge,
                    state: StateBranchStore(location: context.location, options: context.writeOptions(runID: runID)),
                    remote: try environment.serverURL.appendingPathComponent("\(repository).git"),
                    credentials: .token(token), scratch: scratch, agent: agent.kind,
                    agentEnvironment: settings.variables, claudeExecutable: settings.claudeExecutable,
                    codexExecutable: settings.codexExecutable,
                    commandTemplate: try settings.agentCommand.map { try CommandTemplate(parsing: $0) },
                    agentTimeout: settings.agentTimeout,
                    selfLogins: Authorizer.builtInSelfLogins.union(settings.selfLogins).union([
                        LocalForge.defaultAuthor
                    ]),
                    secrets: environment.token.map { [$0] } ?? [],
                    transcripts: (settings.runnerTemp ?? FileManager.default.temporaryDirectory)
                        .appendingPathComponent("conveyor-\(runID)", isDirectory: true)))
            return try await TerminationSignals.cancelling { try await job.run() }
        }
        report(result, output: output)
        for finding in result.report.findings {
            let place = WorkflowCommand.Annotation(title: "doc audit", file: finding.file, line: finding.line)
            let command =
                finding.severity == .error
                ? WorkflowCommand.error(finding.message, at: place)
                : WorkflowCommand.warning(finding.message, at: place)
            Console.write(command.line)
        }
        if result.outcome != .superseded && !result.passed {
            Diagnostics.error(result.message)
            throw ExitStatus.failure
        }
    }

    /// The label that started the audit, removed once it is published.
    private var triggerLabel: String? {
        if case .label(let name) = run.source { return name }
        return nil
    }

    private func report(_ result: DocAuditResult, output: ActionsOutput) {
        Console.write("run: \(result.message)")
        _ = try? output.setOutput("stage", to: "doc-audit")
        let verdict = result.outcome == .superseded ? "skipped" : result.passed ? "pass" : "fail"
        _ = try? output.setOutput("verdict", to: verdict)
        _ = try? output.setOutput("pr-url", to: "")
        _ = try? output.setOutput("cost-usd", to: "0")
        _ = try? output.setOutput("tokens", to: "0")
        _ = try? output.appendSummary(
            "### Conveyor doc audit\n\n\(result.message)\n" + (result.commentBody.map { "\n\($0)\n" } ?? ""))
    }
}
