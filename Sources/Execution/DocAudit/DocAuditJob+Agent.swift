import Agents
import DocAudit
import Documents
import Forge
import Foundation
import Pipeline

/// What the auditor agent came to.
struct AgentAudit {
    /// True when the agent ran.
    let ran: Bool
    /// False only when the agent ran and its report's verdict fails (or it wrote no readable verdict).
    let passed: Bool
    /// One sentence for the comment and the job log.
    let line: String
}

extension DocAuditJob {
    /// The document the auditor writes for pull request `number`.
    static func reportPath(_ number: Int) -> String {
        "\(WorkItemFolder.path(forWorkItem: number))/\(StageName.docAudit.rawValue)/audit-report.md"
    }

    /// Runs the auditor agent on the checkout when the policy and the pull request allow it, and reads the
    /// verdict of its report with the doc-audit stage's verdict rule (exact tokens, a failing token wins).
    func agentAudit(pull: PullRequest, isFork: Bool, checkout: DocAuditCheckout, report: DocAuditReport)
        async throws -> AgentAudit
    {
        if isFork {
            return AgentAudit(
                ran: false, passed: true,
                line: "Agent audit: not run (a fork's pull request gets the deterministic checks only).")
        }
        guard request.agentPolicy != .off,
            var stage = checkout.configuration.pipeline[.docAudit]
        else {
            return AgentAudit(
                ran: false, passed: true,
                line: "Agent audit: off (`CONVEYOR_DOC_AUDIT_AGENT=off`, or the pipeline has no doc-audit stage).")
        }
        if let missing = AgentReadiness.missingKey(for: environment.agent, in: environment.agentEnvironment) {
            // `auto` audits with what it has; `on` asked for the agent, so its absence fails the audit.
            return AgentAudit(
                ran: false, passed: request.agentPolicy == .auto,
                line: "Agent audit: not run. \(missing)"
                    + (request.agentPolicy == .auto ? "" : " `CONVEYOR_DOC_AUDIT_AGENT=on` requires it."))
        }
        let number = pull.number
        let path = Self.reportPath(number)
        stage.artifacts = stage.artifacts.filter { $0.type == "audit-report" }
        let prompt =
            StagePrompt(
                stage: stage,
                workItem: .init(number: number, title: pull.title, body: pull.body),
                runID: request.runID
            ).text + "\n" + Self.auditContext(checkout: checkout, report: report)
        let outcome = try await AgentRunner.run(
            AgentInvocation(
                kind: environment.agent, prompt: prompt, workDirectory: checkout.root,
                logDirectory: (environment.transcripts ?? environment.scratch).appendingPathComponent(
                    "agent-doc-audit"),
                stage: StageName.docAudit.rawValue, workItem: number, runID: request.runID,
                model: stage.model,
                timeout: environment.agentTimeout ?? .seconds(stage.timeoutMinutes * 60),
                environment: environment.agentEnvironment, withheldSecrets: environment.secrets,
                claudeExecutable: environment.claudeExecutable, codexExecutable: environment.codexExecutable,
                commandTemplate: environment.commandTemplate, artifacts: stage.artifacts,
                ownerRole: stage.role.rawValue,
                workItemText: WorkItemText(
                    title: UntrustedText.sanitize(pull.title), body: UntrustedText.sanitize(pull.body))))
        guard outcome.status.isSuccess else {
            return AgentAudit(
                ran: true, passed: false, line: "Agent audit: the auditor did not finish (\(outcome.status)).")
        }
        guard case .verdict(let rule) = stage.gate else {
            return AgentAudit(ran: true, passed: true, line: "Agent audit: ran; the doc-audit stage has no verdict.")
        }
        let reading = VerdictReader.read(rule, documentAt: path, in: checkout.root)
        return AgentAudit(
            ran: true, passed: reading.passed,
            line:
                "Agent audit: `\(path)` says `\(rule.field): \(reading.value ?? "none")` (\(reading.outcome.rawValue))"
                + (reading.passed ? "." : ". \(reading.reason)"))
    }

    /// What the auditor gets beyond the stage contract: the changed paths and the deterministic findings.
    static func auditContext(checkout: DocAuditCheckout, report: DocAuditReport) -> String {
        var lines = [
            "## Doc audit of this pull request", "",
            "Read the change (the paths below, in the current directory, which holds the pull request's head) and "
                + "the documents it touches or makes stale. Write only the audit report. Set `verdict: pass` when "
                + "the documentation matches the change, `changes-requested` or `fail` when it does not.",
            "", "Changed paths (\(checkout.changedPaths.count)):", "",
        ]
        lines += checkout.changedPaths.prefix(500).map { "- `\(UntrustedText.singleLine($0, limit: 300))`" }
        if checkout.changedPaths.count > 500 { lines.append("- … \(checkout.changedPaths.count - 500) more") }
        lines += ["", "Findings of the deterministic checks (\(report.findings.count)):", ""]
        lines += report.findings.prefix(200).map {
            UntrustedText.promptBlock($0.description, label: "finding")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
