import Forge
import Foundation
import Pipeline
import StateBranch

extension Job {
    /// Rewrites the item's one status comment from state after an owner operation (approval, abort, the end of the
    /// pipeline), with `note` as the next step; nothing when Conveyor has not posted one yet.
    func refreshStatusComment(_ item: WorkItemKey, note: String) async throws {
        let (state, runs, recorded) = try await StateSnapshot.reading(context.state) { snapshot in
            let runs = try await snapshot.database.runs(limit: 100_000).filter {
                $0.workItem.repository == item.repository && $0.workItem.number == item.number
            }
            return (
                try await FlowState.read(item, from: snapshot), runs,
                try await snapshot.database.recordedRefs(step: "status-comment", on: item).compactMap { Int($0) }
            )
        }
        let number = item.number
        guard
            let existing = try await OwnCommentFinder(forge: context.forge, configuredLogins: context.selfLogins)
                .find(onIssue: number, marker: StatusComment.marker(workItem: number), recordedIDs: recorded),
            let current = state.current
        else { return }
        let stages = StatusComment.stageStates(
            of: context.configuration.pipeline, current: current, status: state.status, runs: runs)
        let pull = try await context.forge.pullRequests(head: nil, state: .all).first {
            $0.head.hasPrefix("conveyor/\(number)-")
        }
        let comment = StatusComment(
            workItem: number, stages: stages, currentStage: current,
            verdict: runs.filter { $0.stage == current.rawValue }.max { $0.startedAt < $1.startedAt }?.outcome ?? "",
            pullRequestURL: pull?.htmlURL, durationSeconds: 0, nextStep: note, ciHead: state.ciHead)
        if existing.body != comment.body {
            _ = try await context.forge.updateComment(id: existing.id, body: comment.body)
        }
    }
}
