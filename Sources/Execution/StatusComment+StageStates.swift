import Foundation
import Pipeline
import StateBranch

extension StatusComment.StageState {
    /// How the status comment shows the current stage when its flow state (``FlowState/status``) is `status`: the
    /// one mapping every writer of the comment uses (the run's publish, the owner operations, `conveyor tick`'s
    /// status repair and CI judgements), so none of them can show a stage differently from another.
    public init(_ status: FlowState.StageStatus) {
        self =
            switch status {
            case .notStarted, .running: .pending
            case .inReview: .inReview
            case .needsInput: .needsInput
            case .failed: .failed
            case .approved: .approved
            case .waitingForCI: .waitingForCI
            }
    }
}

extension StatusComment {
    /// Every stage of `pipeline` as the status comment shows it: `current` as its flow state says (``StageState/init(_:)``),
    /// every other stage as its latest successful run in `runs` left it (`pass`: approved, since the item moved on;
    /// `needs_input`: needs input; otherwise pending).
    public static func stageStates(
        of pipeline: Pipeline, current: StageName, status: FlowState.StageStatus, runs: [RunSummary]
    ) -> [(name: StageName, state: StageState)] {
        pipeline.stages.map { stage in
            if stage.name == current { return (stage.name, StageState(status)) }
            let latest =
                runs.filter { $0.stage == stage.name.rawValue && $0.status == .succeeded }
                .max { ($0.startedAt, $0.runID) < ($1.startedAt, $1.runID) }
            switch latest?.outcome {
            case "pass": return (stage.name, .approved)
            case "needs_input": return (stage.name, .needsInput)
            default: return (stage.name, .pending)
            }
        }
    }
}
