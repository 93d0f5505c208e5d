import Actions
import Agents
import Foundation
public import Gates
import Pipeline
public import StateBranch

/// One job's self-healing supervisor (ADR 0017): it classifies every failed attempt, picks the allow-listed
/// action, applies the limits counted in state across jobs, and keeps what it did for the state commit, the status
/// comment and the incident report.
///
/// The state machine per attempt is `run → failed → classify → remediate → rerun → success | escalate`; every
/// transition is recorded (``records``) and narrated (``narrative``). In `shadow` mode nothing is carried out: the
/// proposal is recorded and the attempt ends as it would have without a supervisor. In `off` mode nothing is
/// recorded.
public actor Supervision {
    /// What the job should do after a failed attempt.
    public enum Next: Sendable, Equatable {
        /// Run the attempt again after this wait, following ``Supervision/directive``.
        case rerun(after: Duration)
        /// Let the failure stand (and publish it, for a gate failure).
        case stop
    }

    private var context: SupervisorContext?
    private var history: StageSupervisionHistory?
    private var historyProblem: String?
    private let started = Date()
    /// When the current attempt started.
    public private(set) var attemptStarted = Date()
    private var infraRetries = 0
    private var pendingRemediation: Int?
    private var commandExits: [CommandExit] = []
    private var commandRerunsTried = false
    /// What the next attempt does differently.
    public private(set) var directive = AttemptDirective()
    /// The failures and remediations of this job, for the run's final state commit.
    public private(set) var records: [FailureRecord] = []
    /// The story of this job's attempts, phase by phase.
    public private(set) var narrative = SupervisionNarrative()
    /// The escalation, when the supervisor gave up in `on` mode.
    public private(set) var escalation: Escalation?

    /// Creates a supervisor; nothing happens until ``configure(_:)``.
    public init() {}

    /// Sets what the supervisor works for; called once before the first attempt.
    public func configure(_ context: SupervisorContext) {
        self.context = context
    }

    /// The mode in force (`off` until configured).
    public var mode: RemediationMode { context?.mode ?? .off }

    /// Marks the start of an attempt.
    public func beginAttempt() {
        attemptStarted = Date()
        commandExits = []
        commandRerunsTried = false
        guard mode != .off else { return }
        let number = directive.number
        var how: [String] = []
        if directive.freshWorkspace { how.append("in a fresh clone") }
        if directive.verboseAgent { how.append("with verbose agent logging") }
        if directive.reviseReasons != nil { how.append("with the gate's reasons for the agent to revise") }
        narrative.add(
            .launch, "Attempt \(number) started" + (how.isEmpty ? "." : " " + how.joined(separator: ", ") + "."))
    }

    /// Marks the end of an attempt that did not fail: the remediation before it recovered the run.
    /// Called when the gate did not fail (before publishing) and again when the attempt ended well; the first call
    /// settles the pending remediation and narrates it.
    public func attemptSucceeded() {
        guard mode != .off else { return }
        settlePending(recovered: true)
    }

    // MARK: - Failures

    /// Classifies an error that ended an attempt, records it and says what to do next.
    public func attemptFailed(_ error: any Error) async -> Next {
        guard mode != .off else { return .stop }
        settlePending(recovered: false)
        return await handle(FailureClassifier.classify(error))
    }

    /// Classifies a failed gate before anything is published, records it and says what to do next; `.stop` means
    /// publish the failure (with the narrative and any incident).
    ///
    /// - Parameter owner: who already handled the failures of the repository's own commands and CI in this
    ///   attempt (the dev loop, qa's commands); such a product failure is not revised again but escalated.
    public func gateFailed(
        _ verdict: GateVerdict, agentStatus: AgentStatus, commandFailuresOwner owner: CommandFailureOwner? = nil
    ) async -> Next {
        guard mode != .off, verdict.result == .fail else { return .stop }
        settlePending(recovered: false)
        let classification = FailureClassifier.classify(
            verdict: verdict, agentStatus: agentStatus, commandExits: commandExits,
            flakyRerunsTried: commandRerunsTried)
        let fromCommands = verdict.reasons.contains { $0.code == .commandFailed || $0.code == .ciFailed }
        if let owner, fromCommands, classification.failureClass == .product {
            return await handle(classification, deferredTo: owner.reason)
        }
        let untried = verdict.reasons.contains { $0.code == .commandFailed } && !commandRerunsTried
        let next = await handle(classification, untriedCommand: untried)
        if case .rerun = next, records.last?.action == RemediationAction.revise.rawValue {
            directive.reviseReasons = verdict.reasons.map(\.message)
        }
        return next
    }

    // MARK: - Flaky gate commands

    /// `base`, rerunning a failing command up to `flaky_reruns` times in `on` mode (within the limits): a rerun
    /// that passes records a `flaky` failure that recovered; every rerun failing leaves the failure to the gate.
    public nonisolated func commandRunner(wrapping base: CommandRunner) -> CommandRunner {
        CommandRunner { arguments, directory in
            let first = await base(arguments, in: directory)
            guard !first.succeeded else { return first }
            let reruns = await self.commandFailed(first)
            guard reruns > 0 else { return first }
            for rerun in 1...reruns {
                let again = await base(arguments, in: directory)
                if again.succeeded {
                    await self.commandRecovered(arguments, first: first, reruns: rerun)
                    return again
                }
                await self.noteCommandExit(again)
            }
            await self.commandStillFailing(arguments, reruns: reruns)
            return first
        }
    }

    private func commandFailed(_ exit: CommandExit) async -> Int {
        commandExits.append(exit)
        guard mode == .on, let context, context.policy.flakyReruns > 0 else { return 0 }
        if case .exited(127) = exit { return 0 }
        if case .couldNotStart = exit { return 0 }
        let limits = await limitsProblem(adding: 1)
        return limits == nil ? context.policy.flakyReruns : 0
    }

    private func noteCommandExit(_ exit: CommandExit) {
        commandExits.append(exit)
    }

    private func commandRecovered(_ arguments: [String], first: CommandExit, reruns: Int) {
        let shown = "`\(arguments.joined(separator: " "))`"
        let classification = FailureClassification(
            .flaky, confidence: 0.9,
            signals: [
                FailureSignal(.gateReason, GateReason.Code.commandFailed.name),
                FailureSignal(.exitStatus, "\(first)"), FailureSignal(.history, "passed_on_rerun_\(reruns)"),
            ], summary: "The gate command \(shown) failed, then passed on rerun \(reruns).")
        narrative.add(.diagnostics, "The gate command \(shown) \(first): class **flaky** once rerun \(reruns) passed.")
        narrative.add(.remediation, "Reran only \(shown) (\(RemediationAction.rerunCommand.rationale)).")
        narrative.add(.rerun, "\(shown) passed on rerun \(reruns); the gate went on.")
        append(classification, action: .rerunCommand, live: true, result: "recovered", reason: "passed on rerun")
    }

    private func commandStillFailing(_ arguments: [String], reruns: Int) {
        commandRerunsTried = true
        narrative.add(
            .rerun,
            "The gate command `\(arguments.joined(separator: " "))` failed again on \(reruns) rerun(s): not flaky.")
    }

    // MARK: - Deciding

    private func handle(
        _ classification: FailureClassification, untriedCommand: Bool = false, deferredTo deferred: String? = nil
    ) async -> Next {
        guard let context else { return .stop }
        narrative.add(
            .diagnostics,
            "Attempt \(directive.number) failed: \(classification.summary) Class **\(classification.failureClass)** "
                + "(confidence \(String(format: "%.2f", classification.confidence)); signals "
                + classification.signals.map { "`\($0)`" }.joined(separator: ", ") + ").")
        let proposed = Playbook.action(for: classification.failureClass, untriedCommand: untriedCommand)
        let (action, why) =
            if let deferred { (RemediationAction.escalate, deferred) } else {
                await limit(proposed, classification: classification)
            }
        guard context.mode == .on else {
            narrative.add(
                .remediation,
                "Shadow mode: would \(action == .escalate ? "escalate" : "apply `\(action)`") (\(why)); nothing "
                    + "was done.")
            append(classification, action: action, live: false, result: "proposed", reason: why)
            return .stop
        }
        switch action {
        case .escalate:
            escalate(classification, reason: why)
            return .stop
        case .redispatch:
            return await redispatch(classification, reason: why)
        case .rerunCommand:
            // Only proposed here (shadow); in `on` mode the command runner reruns before the gate decides.
            escalate(classification, reason: "the failing gate command could not be rerun")
            return .stop
        default:
            return rerun(classification, action: action, reason: why)
        }
    }

    /// The action after the stop conditions and limits: the same signature twice, the rerun and time limits, low
    /// confidence, an unreadable history.
    private func limit(_ proposed: RemediationAction, classification: FailureClassification) async -> (
        RemediationAction, String
    ) {
        guard proposed != .escalate else { return (.escalate, proposed.rationale) }
        let history = await episode()
        if let historyProblem { return (.escalate, "the limits could not be read from state (\(historyProblem))") }
        let signature = classification.signature
        let seen =
            history.failures.contains { $0.signature == signature } || records.contains { $0.signature == signature }
        if seen {
            let dispatched =
                history.failures.contains { $0.action == RemediationAction.redispatch.rawValue }
                || records.contains { $0.action == RemediationAction.redispatch.rawValue }
            if classification.failureClass == .infra && !dispatched {
                // A re-dispatch is a rerun too: it may not break the limits either.
                if let problem = await limitsProblem(adding: 1) { return (.escalate, problem) }
                return (.redispatch, "the same infrastructure failure came back after a retry in this job")
            }
            return (.escalate, "the same failure signature came back (`\(signature)`): stop on the second time")
        }
        if classification.confidence < 0.5 {
            return (
                .escalate,
                "the classification is not sure enough (confidence \(String(format: "%.2f", classification.confidence)))"
            )
        }
        if let problem = await limitsProblem(adding: 1) { return (.escalate, problem) }
        return (proposed, proposed.rationale)
    }

    /// Why one more rerun would break a limit, or nil.
    private func limitsProblem(adding extra: Int) async -> String? {
        guard let context else { return "not configured" }
        let history = await episode()
        let limits = context.policy.limits(for: context.stage)
        let reruns =
            history.failures.filter { $0.mode == "live" && (RemediationAction(rawValue: $0.action)?.isRerun ?? false) }
            .count
            + records.filter { $0.mode == "live" && (RemediationAction(rawValue: $0.action)?.isRerun ?? false) }
            .count
        if reruns + extra > limits.maxAutoReruns {
            return "`max_auto_reruns` (\(limits.maxAutoReruns)) for stage `\(context.stage)` is used up: \(reruns) "
                + "automatic rerun(s) since the stage last succeeded or escalated"
        }
        let minutes = (history.earlierRunSeconds + Date().timeIntervalSince(started)) / 60
        if minutes >= Double(limits.maxTotalDurationMinutes) {
            return "`max_total_duration_minutes` (\(limits.maxTotalDurationMinutes)) for stage `\(context.stage)` is "
                + "used up: its runs took \(Int(minutes)) minutes since it last succeeded or escalated"
        }
        return nil
    }

    private func episode() async -> StageSupervisionHistory {
        if let history { return history }
        guard let context, let location = context.state else {
            history = StageSupervisionHistory()
            return StageSupervisionHistory()
        }
        do {
            let read = try await StateSnapshot.reading(location) {
                try await $0.database.supervision(
                    of: context.workItem, stage: context.stage.rawValue, excludingRun: context.runID)
            }
            history = read
            return read
        } catch {
            historyProblem = FailureClassifier.firstLine(error)
            history = StageSupervisionHistory()
            return StageSupervisionHistory()
        }
    }

    // MARK: - Acting

    private func rerun(_ classification: FailureClassification, action: RemediationAction, reason: String) -> Next {
        var wait = Duration.zero
        var next = AttemptDirective()
        next.number = directive.number + 1
        switch action {
        case .backoffRetry:
            let seconds = (context?.policy.backoffSeconds ?? 0) << min(infraRetries, 10)
            infraRetries += 1
            wait = .seconds(seconds)
            narrative.add(.remediation, "Backoff retry after \(seconds) s: \(reason).")
        case .freshWorkspace:
            next.freshWorkspace = true
            narrative.add(.remediation, "Fresh workspace: \(reason).")
        case .verboseResume:
            next.verboseAgent = true
            narrative.add(.remediation, "Verbose resume: \(reason).")
        default:
            narrative.add(.remediation, "Revise: \(reason).")
        }
        append(classification, action: action, live: true, result: "failed_again", reason: reason)
        pendingRemediation = records.count - 1
        directive = next
        return .rerun(after: wait)
    }

    private func redispatch(_ classification: FailureClassification, reason: String) async -> Next {
        guard let context, let dispatch = context.redispatch else {
            // No way to start a job from here (a context without the hook): the job ends as "try again later" and
            // whatever runs the stage next (the workflow's retry, the owner) is the new job. It counts as a rerun, so
            // that next job continues the episode's count instead of starting afresh.
            narrative.add(
                .remediation,
                "Re-dispatch (\(reason)): this job cannot start a new one, so it ends as \"try again later\"; the "
                    + "next run of the stage continues the count.")
            append(classification, action: .redispatch, live: true, result: "not_available", reason: reason)
            return .stop
        }
        let request = RedispatchRequest(
            workItem: context.workItem, stage: context.stage, runID: context.runID, forgeRunID: context.forgeRunID,
            reason: reason)
        do {
            switch try await dispatch(request) {
            case .dispatched(let workflow, let ref, let inputs):
                let shown = inputs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                narrative.add(
                    .remediation,
                    "Re-dispatched the stage in a new job (\(reason)): `\(workflow)` on `\(ref)` with \(shown). The "
                        + "new job resumes the stage and continues this episode's limits from state.")
                append(classification, action: .redispatch, live: true, result: "dispatched", reason: reason)
            case .alreadyDispatched:
                narrative.add(
                    .remediation,
                    "Re-dispatch (\(reason)): state already holds this run's dispatch, so nothing was dispatched "
                        + "again.")
                append(
                    classification, action: .redispatch, live: true, result: "already_dispatched", reason: reason)
            }
        } catch {
            let why = FailureClassifier.firstLine(error)
            narrative.add(
                .remediation,
                "Re-dispatch failed (\(reason)): \(why) The job ends as \"try again later\"; the next run of the "
                    + "stage continues the count.")
            append(
                classification, action: .redispatch, live: true, result: "failed",
                reason: "\(reason); the dispatch failed: \(why)")
        }
        return .stop
    }

    private func escalate(_ classification: FailureClassification, reason: String) {
        guard let context else { return }
        narrative.add(.escalation, "Escalated: \(reason).")
        let path = "incidents/\(context.workItem.number)/\(context.runID).md"
        let report = IncidentReport(
            context: context, classification: classification, reason: reason, tried: records,
            narrative: narrative, path: path, attempt: directive.number)
        escalation = Escalation(
            failureClass: classification.failureClass, reason: reason, path: path, markdown: report.markdown)
        narrative.add(
            .escalation,
            "Incident report: `\(path)` on the state branch; the item is blocked and needs "
                + "`\(classification.failureClass.need.rawValue)`.")
        append(
            classification, action: .escalate, live: true, result: "escalated", reason: reason,
            incident: FailureRecord.Incident(path: path, markdown: report.markdown))
    }

    private func settlePending(recovered: Bool) {
        guard let index = pendingRemediation, index < records.count else { return }
        records[index].result = recovered ? "recovered" : "failed_again"
        records[index].durationSeconds = Date().timeIntervalSince(records[index].at)
        pendingRemediation = nil
        narrative.add(.rerun, "Attempt \(directive.number) " + (recovered ? "succeeded." : "failed too."))
    }

    private func append(
        _ classification: FailureClassification, action: RemediationAction, live: Bool, result: String,
        reason: String, incident: FailureRecord.Incident? = nil
    ) {
        guard let context else { return }
        let index = records.count + 1
        records.append(
            FailureRecord(
                idempotencyKey: "\(context.runID):failure:\(index)", runID: context.runID,
                attemptID: context.attemptID(directive.number), workItem: context.workItem,
                stage: context.stage.rawValue, failureClass: classification.failureClass.rawValue,
                confidence: classification.confidence, signature: classification.signature,
                signalsJSON: classification.signalsJSON, summary: classification.summary, action: action.rawValue,
                mode: live ? "live" : "shadow", result: result, reason: reason, durationSeconds: 0, at: Date(),
                incident: incident))
    }
}

/// The supervisor gave up: what the job publishes about it.
public struct Escalation: Sendable, Equatable {
    /// The class of the failure that stopped it.
    public var failureClass: FailureClass
    /// Why it stopped, one sentence.
    public var reason: String
    /// The incident report's path on the state branch.
    public var path: String
    /// The incident report.
    public var markdown: String
}

/// A gate failure the supervisor will remediate before anything is published; thrown out of the attempt.
public struct RemediationRequested: Error, Sendable {
    /// How long to wait before the next attempt.
    public var wait: Duration

    /// Creates the request.
    public init(wait: Duration) {
        self.wait = wait
    }
}
