import Actions
import Execution
import Foundation
import Pipeline
import StateBranch
import Triggers

extension Application.Plan {
    /// The issue of a Gitea label update that does not say which label was added (so the labels state has
    /// already handled must be known to find the new one); nil for every other event.
    static func issueNeedingHandledLabels(_ inputs: JobInputs) -> Int? {
        guard inputs.triggerContext.forge == .gitea, inputs.triggerContext.eventName == "issues",
            let object = try? JSONSerialization.jsonObject(with: inputs.triggerContext.payload) as? [String: Any],
            object["action"] as? String == "label_updated"
        else { return nil }
        let added = (object["changes"] as? [String: Any])?["added_labels"]
        guard added == nil || added is NSNull else { return nil }
        return (object["issue"] as? [String: Any])?["number"] as? Int
    }

    /// The trigger labels state has recorded runs for on issue `number`.
    static func handledLabels(onIssue number: Int, context: StateContext) async throws -> Set<String> {
        let key = WorkItemKey(repository: context.repository(nil), number: number)
        return try await StateSnapshot.reading(context.location) { try await $0.database.handledLabels(on: key) }
    }

    /// The authorization of a stage Conveyor dispatched itself (its sender is Conveyor's own identity), from the
    /// approval state holds for it; nil for every other run (the sender's permission decides).
    static func chainedAuthorization(
        _ run: TriggerRun, inputs: JobInputs, state: StateLocationOptions, selfLogins: Set<String>
    ) async throws -> AuthorizationOutcome? {
        guard case .stage = run.operation, run.source == .inputs, let actor = run.actor, let item = run.workItem,
            SenderAuthorization.isSelf(actor.login, selfLogins: selfLogins)
        else { return nil }
        let settings = inputs.configuration.state
        return try await StateContext.with(state, branch: settings.branch, file: settings.file) { context in
            let key = WorkItemKey(repository: context.repository(nil), number: item.number)
            let flow = try await StateSnapshot.reading(context.location) { try await FlowState.read(key, from: $0) }
            return SenderAuthorization.checkChained(run, state: flow, selfLogins: selfLogins)
        }
    }

    /// Records that `run`'s sender was refused, once per Actions run and work item.
    static func recordDenialInState(_ run: TriggerRun, reason: String, context: StateContext) async throws {
        let item = run.workItem.map {
            WorkItemKey(repository: context.repository(nil), number: $0.number, kind: $0.kind.rawValue)
        }
        let correlation = context.actionsRun ?? "local"
        let denial = DenialRecord(
            idempotencyKey: "denial:\(correlation):\(item?.description ?? "-"):\(run.operation.name)",
            correlationID: correlation, workItem: item, actor: run.actor?.login ?? "unknown", reason: reason,
            at: Date())
        _ = try await StateBranchStore(location: context.location, options: context.writeOptions(runID: correlation))
            .apply([.recordDenial(denial)], message: "Denied \(denial.actor) on \(item?.description ?? "no work item")")
    }
}

/// The state branch could not be read when the decision needed it.
struct StateUnavailable: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
