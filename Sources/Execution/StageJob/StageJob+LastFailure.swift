import Forge
import Foundation
import Gates
import Pipeline
import StateBranch

extension StageJob {
    /// Why the stage's last run on this work item failed, from state, with the newest comment by someone other
    /// than Conveyor (comments come oldest first); nil when the last run did not fail.
    func lastFailure(comments: [IssueComment]) async throws -> StagePrompt.LastFailure? {
        let failure = try await environment.state.readingLastWrite {
            try await $0.database.lastFailure(
                of: request.workItem, stage: request.stage.name.rawValue, before: request.runID)
        }
        guard let failure else { return nil }
        let newest = comments.last { !environment.selfLogins.contains($0.author.login) }
        return StagePrompt.LastFailure(
            runID: failure.runID, reasons: failure.reasons,
            ownerComment: newest.map { (author: $0.author.login, body: $0.body) })
    }

    /// Adds the gate's verdict and reasons to the journal; they reach state with the run's next state commit,
    /// never in a commit of their own.
    func recordGate(_ verdict: GateVerdict) async {
        await journal.add(
            .recordGateResults(
                GateResultRecord(
                    runID: request.runID, stage: request.stage.name.rawValue, verdict: verdict.result.rawValue,
                    reasons: verdict.reasons.map { .init(check: $0.code.name, message: $0.message) }, at: Date())),
            note: "gate results")
    }
}
