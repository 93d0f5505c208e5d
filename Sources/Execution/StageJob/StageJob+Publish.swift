import Agents
import Forge
import Foundation
import Gates
import Git
import Pipeline
import StateBranch

/// What one run publishes, gathered as the run goes.
struct Publication {
    let verdict: GateVerdict
    let agent: AgentOutcome
    let startedAt: Date
    var head: ObjectID?
    var pullRequest: PullRequest?
    /// The forge objects state recorded for earlier runs on the work item.
    var history = WorkItemHistory()
    /// The repository's web page as the forge reported it (`html_url`), for artifact links.
    var repositoryPage: URL?
    /// Lines for the status comment beyond the gate's reasons: the repository's commands and CI (dev and qa).
    var extraReasons: [String] = []
    /// True when the dev stage ended waiting for CI (`dev.ci.mode: pending`): the commit status stays `pending`.
    var ciPending = false

    init(verdict: GateVerdict, agent: AgentOutcome, startedAt: Date) {
        self.verdict = verdict
        self.agent = agent
        self.startedAt = startedAt
    }

    /// Input plus output tokens, when the agent reported any.
    var tokens: Int? {
        let usage = agent.usage
        let total = usage.fullInput + usage.output
        return total > 0 ? total : nil
    }
}

extension StageJob {
    /// Rewrites the status comment, moves the labels and posts the commit status.
    func publish(_ publication: inout Publication, workspace: Workspace) async throws {
        let number = request.workItem.number
        let forge = environment.forge
        var comment = StatusComment(
            workItem: number,
            stages: StatusComment.stageStates(
                of: environment.pipeline, current: request.stage.name,
                status: Self.flowStatus(after: publication.verdict.result, waitingForCI: publication.ciPending),
                runs: publication.history.runs),
            currentStage: request.stage.name, verdict: publication.verdict.result.rawValue,
            reasons: publication.verdict.reasons.map(\.message) + publication.extraReasons,
            questions: publication.verdict.questions,
            artifacts: artifactLinks(
                workspace: workspace, published: publication.head != nil, repositoryPage: publication.repositoryPage),
            pullRequestURL: publication.pullRequest?.htmlURL,
            durationSeconds: Date().timeIntervalSince(publication.startedAt), tokens: publication.tokens,
            costUSD: publication.agent.costUSD,
            nextStep: publication.ciPending
                ? "wait: `conveyor tick` reads the checks of the pushed head; green moves the item to review, red "
                    + "goes back to the fix loop" : nextStep(publication.verdict.result),
            ciHead: publication.ciPending ? publication.head?.description : nil)
        comment.supervision = await supervisionSection()
        try await checkpoint("status-comment", "started")
        let existing = try await OwnCommentFinder(forge: forge, configuredLogins: environment.selfLogins).find(
            onIssue: number, marker: StatusComment.marker(workItem: number),
            recordedIDs: publication.history.statusCommentIDs)
        let posted =
            if let existing {
                try await forge.updateComment(id: existing.id, body: comment.body)
            } else {
                try await forge.createComment(onIssue: number, body: comment.body)
            }
        try await checkpoint("status-comment", "done", ref: String(posted.id))

        try await moveLabels(publication.verdict.result, waitingForCI: publication.ciPending)
        if let head = publication.head {
            _ = try await forge.createStatus(
                NewCommitStatus(
                    state: publication.ciPending ? .pending : commitState(publication.verdict.result),
                    context: "conveyor/\(request.stage.name.rawValue)",
                    description: "Gate \(publication.verdict.result.rawValue)"
                        + (publication.ciPending ? ", waiting for CI" : "")),
                sha: head.description)
            try await checkpoint("commit-status", "done", ref: head.description)
        }
    }

    /// Removes the trigger label, sets the outcome label the verdict calls for and removes every other outcome
    /// label the item carries (``LabelCatalog/isOutcome(_:)``: the `state:*` labels and `need:input` are one
    /// exclusive set). Idempotent: labels are sets, and only labels the item carries are removed.
    ///
    /// `waitingForCI` (a dev run that ended with CI pending): no outcome label at all until `conveyor tick` judges
    /// the checks; `state:in-review` comes only with green CI.
    private func moveLabels(_ result: GateResult, waitingForCI: Bool = false) async throws {
        let number = request.workItem.number
        let labels = environment.labels
        if let trigger = request.triggerLabel {
            try await environment.forge.removeLabel(trigger, fromIssue: number)
        }
        if waitingForCI {
            let carried = try await environment.forge.issue(number).labels.map(\.name)
            for stale in carried where labels.meaning(ofLabel: stale).map(LabelCatalog.isOutcome) == true {
                try await environment.forge.removeLabel(stale, fromIssue: number)
            }
            try await checkpoint("labels", "done")
            return
        }
        let wanted: LabelMeaning =
            switch result {
            case .pass: .state(.inReview)
            case .needsInput: .need(.input)
            case .fail: .state(.blocked)
            }
        if let name = labels.name(for: wanted) {
            let carried = try await environment.forge.addLabels([name], toIssue: number)
            for stale in labels.outcomeLabelsReplaced(by: wanted, on: carried.map(\.name)) {
                try await environment.forge.removeLabel(stale, fromIssue: number)
            }
        }
        try await checkpoint("labels", "done")
    }

    private func commitState(_ result: GateResult) -> CommitStatusState {
        switch result {
        case .pass: .success
        case .needsInput: .pending
        case .fail: .failure
        }
    }

    private func nextStep(_ result: GateResult) -> String {
        let stage = request.stage
        let revise = environment.labels.name(for: .run(stage.name, .revise)).map { "`\($0)`" } ?? "the revise label"
        switch result {
        case .pass:
            let next = stage.next.flatMap { environment.labels.name(for: .run($0, .run)) }.map { "add `\($0)`" }
            return ([next, "comment `/revise <what to change>` or add \(revise)"].compactMap { $0 })
                .joined(separator: " to continue, or ")
        case .needsInput: return "answer the questions in a comment, then add \(revise)"
        case .fail: return "fix what the reasons say, then add the stage's label again"
        }
    }

    /// Links to the stage's artifacts on the work branch (``ArtifactLink``, from the page the forge reported, else
    /// the configured web address; a file URL when neither is known): only when the branch was pushed, and only to
    /// files that exist in the pushed work tree.
    private func artifactLinks(workspace: Workspace, published: Bool, repositoryPage: URL?) -> [(
        path: String, url: String
    )] {
        guard published else { return [] }
        let existing = request.stage.artifacts.map { $0.path(forWorkItem: request.workItem.number) }.filter {
            FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent($0).path)
        }
        return existing.map { path in
            let url =
                (repositoryPage ?? environment.webURL).map {
                    ArtifactLink.url(
                        repositoryPage: $0, dialect: environment.forge.kind, branch: workspace.workBranch, path: path)
                }
                ?? workspace.root.appendingPathComponent(path).absoluteString
            return (path, url)
        }
    }

    /// Where the run leaves its stage, as ``FlowState`` will read it once the run is recorded: a pass that left its
    /// CI to tick waits for CI, not for review.
    static func flowStatus(after result: GateResult, waitingForCI: Bool) -> FlowState.StageStatus {
        switch result {
        case .pass: waitingForCI ? .waitingForCI : .inReview
        case .needsInput: .needsInput
        case .fail: .failed
        }
    }
}
