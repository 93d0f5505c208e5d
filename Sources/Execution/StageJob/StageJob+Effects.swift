import Documents
import Forge
import Foundation
import Git
import Pipeline
import StateBranch

/// What state recorded about a work item's earlier runs that its forge objects are found by, whatever the
/// token's identity or the issue's current title.
struct WorkItemHistory: Sendable {
    /// The status comment ids Conveyor posted, newest first.
    var statusCommentIDs: [Int] = []
    /// The pull requests Conveyor opened, newest first.
    var pullRequestNumbers: [Int] = []
    /// The work item's runs, most recently started first.
    var runs: [RunSummary] = []
}

extension StageJob {
    // MARK: - Events already handled

    /// The result for an event another run already handled, or nil when this run should go on.
    ///
    /// Level-triggered: the same `labeled` event may reach several jobs (two workflows on one event, a
    /// redelivery, a manual re-run of an old Actions run). Before claiming, the item's current labels are read
    /// from the forge; when the trigger label is gone and state has a run of this stage on this item that started
    /// after the event (``Request/eventTime``), that run handled it, and nothing is done. Only `run` and `revise`
    /// are checked: `--mode rerun` is the explicit way to run again, `--mode resume` continues a run, and a
    /// repeat of this very run is left to the claim ("already finished").
    func handledElsewhere() async throws -> StageJobResult? {
        guard request.mode == .run || request.mode == .revise, let trigger = request.triggerLabel,
            let eventTime = request.eventTime
        else { return nil }
        let number = request.workItem.number
        let current = try await environment.forge.labels(onIssue: number)
        guard !current.contains(where: { $0.isNamed(trigger) }) else { return nil }
        let stage = request.stage.name.rawValue
        let runs = try await StateSnapshot.reading(environment.state.location) {
            try await $0.database.runs(limit: 10_000)
        }
        guard
            let handler = runs.first(where: {
                $0.workItem.repository == request.workItem.repository && $0.workItem.number == number
                    && $0.stage == stage && $0.runID != request.runID && $0.startedAt >= eventTime
            })
        else { return nil }
        let ended = handler.outcome.map { "\(handler.status.rawValue) (\($0))" } ?? handler.status.rawValue
        return StageJobResult(
            outcome: .alreadyHandled, stage: stage,
            message: "Already handled by run \(handler.runID) (\(ended)): the label \(trigger) is no longer on "
                + "#\(number) and that run started after this event. Nothing was done; use --mode rerun to run "
                + "\(stage) again.")
    }

    // MARK: - Recorded forge objects

    /// Reads from state, as the claim left it (no fetch), the work item's runs and the ids of the forge objects
    /// they made.
    func history() async throws -> WorkItemHistory {
        let item = request.workItem
        return try await environment.state.readingLastWrite { snapshot in
            WorkItemHistory(
                statusCommentIDs: try await snapshot.database.recordedRefs(step: "status-comment", on: item)
                    .compactMap { Int($0) },
                pullRequestNumbers: try await snapshot.database.recordedRefs(step: "pull-request", on: item)
                    .compactMap { Int($0) },
                runs: try await snapshot.database.runs(limit: 10_000).filter {
                    $0.workItem.repository == item.repository && $0.workItem.number == item.number
                })
        }
    }

    /// The work item's branch, found by the work item rather than re-derived from the current title, so a
    /// renamed issue keeps its branch and its one pull request: the open pull request state recorded, else an
    /// open pull request from a `conveyor/<N>-…` branch, else a `conveyor/<N>-…` branch on the remote (the one
    /// the title gives when there are several), else a new name from the title.
    func workBranch(title: String, history: WorkItemHistory) async throws -> String {
        let number = request.workItem.number
        let prefix = "\(WorkBranch.prefix)\(number)-"
        let forge = environment.forge
        for recorded in history.pullRequestNumbers {
            if let pull = try? await forge.pullRequest(recorded), pull.state == .open, pull.head.hasPrefix(prefix) {
                return pull.head
            }
        }
        // Both reads at once; the branch listing is dropped when an open pull request answers first.
        async let openRead = forge.pullRequests(head: nil, state: .open)
        async let pushedRead = Repository.remoteBranches(
            at: environment.remote, prefix: prefix, credentials: environment.credentials)
        if let open = try await openRead.first(where: { $0.head.hasPrefix(prefix) }) {
            return open.head
        }
        let fromTitle = WorkBranch.name(number: number, title: title)
        let pushed = try await pushedRead
        return pushed.contains(fromTitle) ? fromTitle : pushed.first ?? fromTitle
    }
}
