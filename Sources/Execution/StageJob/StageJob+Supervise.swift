import Actions
import Agents
import Forge
import Foundation
import Gates
import Pipeline
import StateBranch
import Supervisor

/// The self-healing supervisor's hooks into a stage job (ADR 0017). The decisions live in module `Supervisor`;
/// these functions only run attempts, wait, and publish what it decided.
extension StageJob {
    /// Runs ``execute(startedAt:repository:)`` under the supervisor: a failed attempt (a thrown error, or a failed gate before
    /// anything is published) is classified and, in `on` mode within the limits, run again as its playbook says.
    /// Every failure and remediation goes into the run's final state commit; an escalation also marks the item
    /// `state:blocked` + `need:*` and, when the failure was thrown, updates the status comment's supervisor section.
    func supervisedExecute(startedAt: Date, repository: RepositoryInfo? = nil) async throws -> StageJobResult {
        await supervision.configure(
            SupervisorContext(
                runID: request.runID, forgeAttempt: request.attempt, forgeRunID: request.forgeRunID,
                workItem: request.workItem, stage: request.stage.name, mode: environment.remediation.mode,
                policy: environment.remediation, state: environment.state.location, links: runLinks,
                redispatch: environment.redispatch))
        while true {
            await supervision.beginAttempt()
            let attempt = await supervision.directive.number
            do {
                let result = try await execute(startedAt: startedAt, repository: repository)
                if result.verdict != GateResult.fail.rawValue { await supervision.attemptSucceeded() }
                await finishSupervision(thrown: false)
                return result
            } catch let request as RemediationRequested {
                try await Task.sleep(for: request.wait)
            } catch {
                if Task.isCancelled || error is CancellationError || AgentError.Code.cancelled ~= error { throw error }
                await recordSupervisedAttempt(
                    attempt, status: "failed", failureClass: FailureClassifier.classify(error).failureClass)
                guard case .rerun(let wait) = await supervision.attemptFailed(error) else {
                    await finishSupervision(thrown: true)
                    throw error
                }
                await environment.log?.record(step: "supervisor", result: "rerun after \(wait)")
                try await Task.sleep(for: wait)
            }
        }
    }

    /// Asks the supervisor about a failed gate before anything is published; throws ``RemediationRequested`` when
    /// the attempt is to run again.
    func superviseGate(_ verdict: GateVerdict, agent: AgentOutcome) async throws {
        let attempt = await supervision.directive.number
        guard verdict.result == .fail else {
            await recordSupervisedAttempt(attempt, status: "passed", failureClass: nil)
            await supervision.attemptSucceeded()  // before publishing, so the status comment tells the rerun's end
            return
        }
        let failureClass = FailureClassifier.classify(verdict: verdict, agentStatus: agent.status).failureClass
        await recordSupervisedAttempt(attempt, status: "gate_failed", failureClass: failureClass)
        let next = await supervision.gateFailed(
            verdict, agentStatus: agent.status, commandFailuresOwner: commandFailuresOwner)
        if case .rerun(let wait) = next { throw RemediationRequested(wait: wait) }
    }

    /// Who already handled the repository's own commands in this stage: the dev loop (dev with `commands`) or qa's
    /// commands; nil for every other stage. The supervisor does not revise such a failure again (ADR 0017).
    var commandFailuresOwner: CommandFailureOwner? {
        guard !environment.work.commands(for: request.stage.name).isEmpty else { return nil }
        switch request.stage.name {
        case .dev: return .devLoop(maxAttempts: environment.work.maxDevAttempts)
        case .qa: return .qaCommands
        default: return nil
        }
    }

    /// The `attempts` row of the supervisor's attempt `number` of this job, for the agent session: nil (the row of
    /// the Actions attempt, as before the supervisor) for the first, a row of its own for each rerun.
    func supervisedAttemptRow(_ number: Int) -> Int? {
        number == 1 ? nil : AttemptRows.number(number, forgeAttempt: request.attempt)
    }

    /// The supervisor's attempt number of the attempt running now, for its agent session's `attempts` row.
    var currentAttemptRow: Int? {
        get async { supervisedAttemptRow(await supervision.directive.number) }
    }

    /// Fills the `attempts` row of the supervisor's attempt `number` with how it ended and its class. The dev loop
    /// records its own attempts (one row per loop attempt), so nothing is written here for it.
    private func recordSupervisedAttempt(_ number: Int, status: String, failureClass: FailureClass?) async {
        guard !(request.stage.name == .dev && commandFailuresOwner != nil) else { return }
        let started = await supervision.attemptStarted
        await journal.add(
            .recordAttempt(
                AttemptRecord(
                    runID: request.runID, number: supervisedAttemptRow(number) ?? request.attempt,
                    forgeRunID: request.forgeRunID, forgeRunAttempt: request.attempt, status: status,
                    failureClass: failureClass?.rawValue, startedAt: started, endedAt: Date())),
            note: "attempt \(number) \(status)")
    }

    /// True when the next attempt runs the agent with verbose logging (after an automation failure).
    var verboseAgent: Bool {
        get async { await supervision.directive.verboseAgent }
    }

    /// The gate's reasons for a revise inside this job, else why the stage's last run failed (from state).
    func promptFailure(comments: [IssueComment]) async throws -> StagePrompt.LastFailure? {
        if let reasons = await supervision.directive.reviseReasons {
            return StagePrompt.LastFailure(runID: request.runID, reasons: reasons, ownerComment: nil)
        }
        return try await lastFailure(comments: comments)
    }

    /// `GITHUB_WORKSPACE` to reuse, or nil when the next attempt wants a fresh clone (after an `env` failure).
    var reusableCheckout: URL? {
        get async { await supervision.directive.freshWorkspace ? nil : environment.existingCheckout }
    }

    /// The gate evaluator whose commands the supervisor may rerun to tell a flaky command from a failing one.
    var supervisedGateEvaluator: GateEvaluator {
        GateEvaluator(commandRunner: supervision.commandRunner(wrapping: .process()))
    }

    /// `work` for the first attempt, `work-2`, `work-3`… after: every attempt that clones gets a clean folder.
    var workDirectoryName: String {
        get async {
            let number = await supervision.directive.number
            return number == 1 ? "work" : "work-\(number)"
        }
    }

    /// The supervisor's section of the status comment: its narrative in `on` mode, nothing in `shadow` or `off`
    /// (shadow mode changes nothing the owner sees).
    func supervisionSection() async -> [String] {
        guard await supervision.mode == .on else { return [] }
        return await supervision.narrative.markdown(mode: RemediationMode.on.rawValue)
    }

    /// Puts the supervisor's records into the run's final state commit; after an escalation in `on` mode adds
    /// `state:blocked` and the class's `need:*` label, and for a thrown failure (nothing was published) that ended in
    /// an escalation or a re-dispatch (made or failed) rewrites the status comment's supervisor section. Forge calls
    /// here are best effort: the forge may be what failed.
    private func finishSupervision(thrown: Bool) async {
        for record in await supervision.records {
            await journal.add(
                .recordFailure(record), note: "failure \(record.failureClass) → \(record.action) (\(record.result))")
        }
        guard await supervision.mode == .on else { return }
        let escalation = await supervision.escalation
        let redispatch = await supervision.records.last { $0.action == RemediationAction.redispatch.rawValue }
        if let redispatch {
            await environment.log?.record(step: "supervisor", result: "redispatch \(redispatch.result)")
            if redispatch.result == "failed" {
                StageJob.warn(
                    "Self-healing could not start \(request.stage.name.rawValue) for #\(request.workItem.number) "
                        + "again: \(redispatch.reason). The job ends as \"try again later\" (exit 75).")
            }
        }
        guard escalation != nil || (thrown && redispatch != nil) else { return }
        if let escalation {
            StageJob.warn(
                "Self-healing stopped on \(request.stage.name.rawValue) for #\(request.workItem.number): "
                    + "\(escalation.reason). Incident report: \(escalation.path) on the state branch.")
            await environment.log?.record(step: "supervisor", result: "escalated \(escalation.failureClass)")
        }
        let labels =
            escalation.map { escalation in
                [LabelMeaning.state(.blocked), .need(escalation.failureClass.need)].compactMap {
                    environment.labels.name(for: $0)
                }
            } ?? []
        let number = request.workItem.number
        if thrown {
            let section = await supervisionSection()
            let marker = StatusComment.marker(workItem: number)
            if let existing = try? await OwnCommentFinder(
                forge: environment.forge, configuredLogins: environment.selfLogins
            )
            .find(onIssue: number, marker: marker, recordedIDs: []) {
                _ = try? await environment.forge.updateComment(
                    id: existing.id, body: SupervisionNarrative.replacingSection(in: existing.body, with: section))
            } else {
                let body = ([marker, "### Conveyor — work item #\(number)", ""] + section).joined(separator: "\n")
                _ = try? await environment.forge.createComment(onIssue: number, body: body + "\n")
            }
        }
        if !labels.isEmpty { _ = try? await environment.forge.addLabels(labels, toIssue: number) }
    }

    /// The Actions run page, for the incident report; empty outside Actions.
    private var runLinks: [String] {
        guard let runID = request.forgeRunID, let web = environment.webURL else { return [] }
        return [web.appendingPathComponent("actions/runs/\(runID)").absoluteString]
    }
}
