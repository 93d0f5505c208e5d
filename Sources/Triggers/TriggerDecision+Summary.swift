import Pipeline

/// The JSON-friendly projection of a ``TriggerDecision`` (`conveyor plan --format json` adds `authorized`).
///
/// Keys: `action` (`run`|`skip`), `stage` (a stage name or `approve`, `revise`, `rethink`, `abort`, `choose`,
/// `tick`), `work_item` (`{number, kind}`), `mode`, `actor` (`{login, type}`), `reason`, plus `skip_code`,
/// `trigger`, `rethink_to`, `choice` and `revise_text` where they apply. Absent values are left out.
public struct TriggerDecisionSummary: Sendable, Hashable, Codable {
    /// `run` or `skip`.
    public var action: String
    /// The stage or operation name; nil for a skip.
    public var stage: String?
    /// The issue or pull request.
    public var workItem: WorkItemRef?
    /// The run mode; nil for a skip.
    public var mode: String?
    /// Who caused the event.
    public var actor: Actor?
    /// Why nothing runs; nil for a run.
    public var reason: String?
    /// The stable skip code; nil for a run.
    public var skipCode: SkipCode?
    /// What asked for the run, e.g. `label run:intake`; nil for a skip.
    public var trigger: String?
    /// The target stage of a rethink.
    public var rethinkTo: String?
    /// The option number of a choose.
    public var choice: Int?
    /// The instructions of a revise.
    public var reviseText: String?

    enum CodingKeys: String, CodingKey {
        case action, stage, mode, actor, reason, trigger, choice
        case workItem = "work_item"
        case skipCode = "skip_code"
        case rethinkTo = "rethink_to"
        case reviseText = "revise_text"
    }
}

extension TriggerDecision {
    /// The decision as a ``TriggerDecisionSummary`` ready for `JSONEncoder`.
    public var summary: TriggerDecisionSummary {
        switch self {
        case .skip(let skip):
            return TriggerDecisionSummary(
                action: "skip", workItem: skip.workItem, actor: skip.actor, reason: skip.reason, skipCode: skip.code)
        case .run(let run):
            var summary = TriggerDecisionSummary(
                action: "run", stage: run.operation.name, workItem: run.workItem, mode: run.mode.rawValue,
                actor: run.actor, trigger: run.source.description)
            switch run.operation {
            case .rethink(let stage): summary.rethinkTo = stage.rawValue
            case .choose(let option): summary.choice = option
            case .revise(let text), .answer(let text): summary.reviseText = text
            default: break
            }
            return summary
        }
    }
}
