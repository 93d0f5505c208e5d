import ArgumentParser
import Execution
import Foundation
import Triggers

/// What `conveyor plan` prints: the trigger decision after authorization.
///
/// The JSON object always has `action` (`run`|`skip`), `stage`, `work_item`, `mode`, `actor`, `authorized` and
/// `reason` (null where they do not apply), plus `skip_code`, `trigger`, `rethink_to`, `choice`, `revise_text`,
/// `authorization` and `retryable` where they apply. A run whose sender is not authorized becomes a skip with
/// `skip_code` `unauthorized`.
struct PlanReport: Encodable, Sendable {
    /// The decision after authorization.
    var decision: TriggerDecisionSummary
    /// True only for a run whose sender is authorized.
    var authorized: Bool
    /// Why the sender is or is not authorized; nil for a skip decided before authorization.
    var authorization: String?
    /// True when authorization failed for a reason that may pass on a later attempt.
    var retryable: Bool
    /// True when the forge rejected Conveyor's own token, so no sender could be checked (exit 65).
    var tokenRejected: Bool

    /// True for a skip caused by inputs a person must fix (a manual run's `issue`, `stage` or `mode`): `plan` and
    /// `run` exit 65 on it.
    var invalidInput: Bool {
        decision.skipCode == .invalidInput || decision.skipCode == .missingInput
    }

    /// Prints why and throws the documented exit status when the decision is not a plain outcome: 65 for inputs a
    /// person must fix or a rejected token, 75 when the sender's permission could not be checked now.
    func throwIfFailed() throws {
        if tokenRejected || invalidInput {
            Diagnostics.error(authorization ?? decision.reason ?? "The job's inputs are invalid.")
            throw ExitStatus.invalidInput
        }
        if retryable { throw ExitStatus.temporaryFailure }
    }

    /// The report for `decision`, with `outcome` when the decision was a run.
    init(decision: TriggerDecision, outcome: AuthorizationOutcome?) {
        var summary = decision.summary
        if let outcome, !outcome.authorized {
            summary.action = "skip"
            summary.reason = outcome.reason
        }
        self.decision = summary
        self.authorized = outcome?.authorized ?? false
        self.authorization = outcome?.reason
        self.retryable = outcome?.retryable ?? false
        self.tokenRejected = outcome?.tokenRejected ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case action, stage, mode, actor, authorized, reason, trigger, choice, authorization, retryable
        case workItem = "work_item"
        case skipCode = "skip_code"
        case rethinkTo = "rethink_to"
        case reviseText = "revise_text"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(decision.action, forKey: .action)
        try container.encode(decision.stage, forKey: .stage)
        try container.encode(decision.workItem, forKey: .workItem)
        try container.encode(decision.mode, forKey: .mode)
        try container.encode(decision.actor, forKey: .actor)
        try container.encode(authorized, forKey: .authorized)
        try container.encode(decision.reason, forKey: .reason)
        let skipCode = decision.action == "skip" && !authorized && authorization != nil ? "unauthorized" : nil
        try container.encodeIfPresent(skipCode ?? decision.skipCode?.name, forKey: .skipCode)
        try container.encodeIfPresent(decision.trigger, forKey: .trigger)
        try container.encodeIfPresent(decision.rethinkTo, forKey: .rethinkTo)
        try container.encodeIfPresent(decision.choice, forKey: .choice)
        try container.encodeIfPresent(decision.reviseText, forKey: .reviseText)
        try container.encodeIfPresent(authorization, forKey: .authorization)
        try container.encode(retryable, forKey: .retryable)
    }

    /// The report as one JSON object, or as a few lines for the job log.
    func rendered(as format: OutputFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        case .text:
            let item = decision.workItem.map { " #\($0.number)" } ?? ""
            guard decision.action == "run" else {
                return "plan: skip\(item): \(decision.reason ?? "nothing to do")"
            }
            let actor = decision.actor.map { " for \($0.login)" } ?? ""
            return "plan: run \(decision.stage ?? "?") (\(decision.mode ?? "run"))\(item)\(actor)\n"
                + "  authorized: \(authorization ?? "yes")"
        }
    }
}
