import Foundation
import Pipeline
import StateBranch

/// Where one work item stands in the pipeline, derived from state alone: its runs and its `flow_events` entries.
///
/// Nothing here reads the forge: labels are for display, state is the truth (ADR 0012).
public struct FlowState: Sendable, Equatable {
    /// Where the current stage stands.
    public enum StageStatus: String, Sendable, Equatable {
        /// No stage has run on the item.
        case notStarted = "not-started"
        /// A run of the current stage has started and not ended.
        case running
        /// The current stage passed its gate and waits for the owner.
        case inReview = "in-review"
        /// The current stage ended asking the owner questions.
        case needsInput = "needs-input"
        /// The current stage failed (its gate, its agent, or a cancel).
        case failed
        /// The owner approved the current stage.
        case approved
        /// The current stage (dev) passed its gate and pushed, and its CI has not been judged yet
        /// (`dev.ci.mode: pending`, ``CIEvent``): `conveyor tick` moves it to review when CI is green.
        case waitingForCI = "waiting-for-ci"
    }

    /// One round of owner input for a stage: revise findings or answers, in full.
    public struct OwnerRound: Sendable, Equatable {
        /// `revise` or `answer`.
        public var kind: String
        /// Who gave it.
        public var author: String
        /// The full text.
        public var text: String
        /// When.
        public var at: Date
    }

    /// A dispatch Conveyor made after an approval, whose stage has not started since.
    public struct PendingDispatch: Sendable, Equatable {
        /// The stage dispatched.
        public var stage: StageName
        /// The stage whose approval it was dispatched for.
        public var approvalOf: StageName?
        /// Who approved.
        public var approvedBy: String
        /// The event the approval came from, e.g. `issue_comment 1234`.
        public var event: String
        /// When it was dispatched.
        public var at: Date
    }

    /// The stage the item is in; nil before the first run.
    public var current: StageName?
    /// Where that stage stands.
    public var status: StageStatus = .notStarted
    /// The pushed head whose CI the current stage waits for, while ``status`` is ``StageStatus/waitingForCI``.
    public var ciHead: String?
    /// True once the owner aborted the item.
    public var aborted = false
    /// Owner rounds per stage, oldest first, every round ever given (the prompt carries them all).
    public var rounds: [StageName: [OwnerRound]] = [:]
    /// Revise rounds per stage since the last rethink, for `max_revise_rounds`.
    public var reviseCount: [StageName: Int] = [:]
    /// Dispatches whose stage has not started since.
    public var pendingDispatches: [PendingDispatch] = []
    /// Stages a rethink superseded, with the target of the newest rethink first in line.
    public var rethinkTarget: StageName?
    /// Who approved each stage last, and from which event.
    public var approvals: [StageName: Approval] = [:]

    /// Who approved a stage, and from which event.
    public struct Approval: Sendable, Equatable {
        /// The approver's login (`conveyor` for a stage that needs no approval).
        public var by: String
        /// The event, e.g. `issue_comment 1234`.
        public var event: String
    }

    /// The state of nothing having happened.
    public init() {}

    /// Derives the state from the item's runs (any order) and its audit log (any order).
    public init(runs: [RunSummary], events: [FlowEventSummary]) {
        let runs = runs.sorted { ($0.startedAt, $0.runID) < ($1.startedAt, $1.runID) }
        let events = events.sorted { $0.at < $1.at }
        let latest = runs.last
        current = latest.flatMap { StageName(rawValue: $0.stage) }
        if let latest {
            status =
                switch (latest.status, latest.outcome) {
                case (.started, _): .running
                case (.succeeded, "pass"): .inReview
                case (.succeeded, "needs_input"): .needsInput
                default: .failed
                }
        }
        // The latest run left its CI to tick and no tick judged it yet: not in review until CI is green.
        if let latest, status == .inReview {
            let judged = Set(
                events.filter { CIEvent.judgements.map(\.rawValue).contains($0.eventType) }.map(\.idempotencyKey))
            let waiting = events.last {
                $0.eventType == CIEvent.pending.rawValue && $0.fields["run"] == latest.runID
                    && !judged.contains(CIEvent.judgementKey($0.idempotencyKey))
            }
            if let waiting {
                status = .waitingForCI
                ciHead = waiting.fields["head"]
            }
        }
        var lastRethink = Date.distantPast
        for event in events {
            let fields = event.fields
            let stage = fields["stage"].flatMap(StageName.init(rawValue:))
            let actor = event.actorID ?? "unknown"
            switch FlowEventType(rawValue: event.eventType) {
            case .aborted:
                aborted = true
            case .stageApproved:
                if let stage {
                    approvals[stage] = Approval(by: fields["approved_by"] ?? actor, event: fields["event"] ?? "")
                    if stage == current, let latest, event.at >= latest.startedAt, status == .inReview {
                        status = .approved
                    }
                }
            case .reviseRequested, .answered:
                if let stage {
                    let kind = event.eventType == FlowEventType.answered.rawValue ? "answer" : "revise"
                    let text = fields[kind == "answer" ? "answer" : "findings"] ?? ""
                    rounds[stage, default: []].append(OwnerRound(kind: kind, author: actor, text: text, at: event.at))
                    if kind == "revise" && event.at > lastRethink { reviseCount[stage, default: 0] += 1 }
                }
            case .rethink:
                lastRethink = event.at
                reviseCount = [:]
                rethinkTarget = fields["to"].flatMap(StageName.init(rawValue:))
            case .stageDispatched:
                guard let stage else { break }
                let started = runs.contains { $0.stage == stage.rawValue && $0.startedAt >= event.at }
                if !started {
                    pendingDispatches.append(
                        PendingDispatch(
                            stage: stage, approvalOf: fields["approval_of"].flatMap(StageName.init(rawValue:)),
                            approvedBy: fields["approved_by"] ?? actor, event: fields["event"] ?? "", at: event.at))
                }
            case .reviseLimitReached, .refused, nil:
                break
            }
        }
    }

    /// True when `stage`'s approval is recorded but the stage after it has neither started nor been dispatched:
    /// what `conveyor tick` looks for ("an approval with no next stage started").
    public func approvalWithoutNextStage(in pipeline: Pipeline) -> StageName? {
        guard status == .approved, let current, let next = pipeline[current]?.next else { return nil }
        return pendingDispatches.contains { $0.stage == next } ? nil : next
    }
}

extension FlowState {
    /// Reads an item's flow state from a state snapshot: one read of the runs and one of the audit log.
    public static func read(_ item: WorkItemKey, from snapshot: StateSnapshot) async throws -> FlowState {
        let runs = try await snapshot.database.runs(limit: 100_000).filter {
            $0.workItem.repository == item.repository && $0.workItem.number == item.number
        }
        return FlowState(runs: runs, events: try await snapshot.database.flowEvents(on: item))
    }
}
