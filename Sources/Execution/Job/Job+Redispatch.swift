import Forge
import Foundation
import Pipeline
import StateBranch
import Supervisor

extension Job {
    /// The self-healing supervisor's re-dispatch (ADR 0017), wired like the chained dispatch after an approval
    /// (``dispatch(_:after:item:approvedBy:)``): a `stage.dispatched` entry in state first, keyed by the work item,
    /// the stage and the Actions run, so a re-run of the same Actions run finds it and dispatches nothing again;
    /// then `workflow_dispatch` of ``JobContext/workflowFile`` on the default branch with the inputs `issue`,
    /// `stage` and `mode: resume`, which the wrapper workflow turns into a job that finishes the stage's failed run.
    /// That job's sender is Conveyor's own identity; it runs because of this entry
    /// (``SenderAuthorization/checkChained(_:state:selfLogins:)``), and it waits for this one in the wrapper's
    /// per-work-item concurrency group, or else for this run's lease (``StageJob/Request/predecessorRunID``), so it
    /// finds the run recorded and the lease free.
    func redispatcher() -> Redispatcher {
        let (context, event) = (context, event)
        return { request in
            let item = request.workItem
            let stage = request.stage
            let inputs = ["issue": String(item.number), "stage": stage.rawValue, "mode": RunMode.resume.rawValue]
            let fields = [
                "stage": stage.rawValue, "mode": RunMode.resume.rawValue, "approved_by": "conveyor",
                "event": "\(RedispatchKey.eventPrefix)\(request.runID)", "workflow": context.workflowFile,
                "via": "supervisor", "run": request.runID, "reason": request.reason, "trigger": event.key,
            ]
            let payload =
                (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
                .flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
            let record = FlowEventRecord(
                idempotencyKey: RedispatchKey.key(request), correlationID: context.actionsRun ?? request.runID,
                workItem: item, actorType: "conveyor", actorID: "conveyor",
                eventType: FlowEventType.stageDispatched.rawValue, payloadJSON: payload, at: context.now())
            let recorded = try await context.store(runID: request.runID).apply(
                [.appendFlowEvent(record)], message: "Re-dispatch \(stage) on #\(item.number) (\(request.runID))")
            guard recorded.outcomes.first == .applied else { return .alreadyDispatched }
            do {
                let repository = try await context.forge.repositoryInfo()
                try await context.forge.dispatchWorkflow(
                    context.workflowFile, ref: repository.defaultBranch, inputs: inputs)
                return .dispatched(workflow: context.workflowFile, ref: repository.defaultBranch, inputs: inputs)
            } catch {
                throw RedispatchFailure(workflow: context.workflowFile, error: error)
            }
        }
    }
}

/// The idempotency key and event name of a re-dispatch's `stage.dispatched` entry.
enum RedispatchKey {
    /// The `event` field of the entry, before the run id: `redispatch <run id>`.
    static let eventPrefix = "redispatch "

    /// The run that re-dispatched, from the `event` field of its entry; nil for an entry of another kind.
    static func dispatchingRun(ofEvent event: String) -> String? {
        guard event.hasPrefix(eventPrefix) else { return nil }
        return String(event.dropFirst(eventPrefix.count))
    }

    /// `redispatch:<repository>#<number>:<stage>:<Actions run id, else run id>`: one per Actions run, whatever its
    /// attempt.
    static func key(_ request: RedispatchRequest) -> String {
        "redispatch:\(request.workItem.repository)#\(request.workItem.number):\(request.stage.rawValue):"
            + (request.forgeRunID ?? request.runID)
    }
}

/// A re-dispatch the forge refused, with what to change.
struct RedispatchFailure: Error, CustomStringConvertible {
    let workflow: String
    let error: any Error

    var description: String {
        let status = (error as? ForgeError)?.status
        let hint =
            switch status {
            case 401, 403:
                "The token may not dispatch workflows: give the job `permissions: {actions: write}` on GitHub, or a "
                    + "token with write access to the repository's Actions on Gitea. "
            case 404:
                "The forge does not know the workflow `\(workflow)` (or the token may not see it): "
                    + "`CONVEYOR_WORKFLOW` must name the wrapper workflow's file. "
            case 422:
                "The workflow `\(workflow)` does not take the inputs `issue`, `stage`, `mode` on `workflow_dispatch`. "
            default: ""
            }
        // The hint first: the forge's own words can be long, and records keep the first line's start.
        let first = String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        return hint + "Could not dispatch `\(workflow)`: \(first)" + (first.hasSuffix(".") ? "" : ".")
    }
}
