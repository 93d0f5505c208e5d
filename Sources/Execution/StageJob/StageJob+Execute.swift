import Agents
import Documents
import Forge
import Foundation
import Gates
import Git
import Pipeline
import StateBranch

extension StageJob {
    /// Everything after the claim: work tree, agent, gate, publish. `repository` is the forge's answer read
    /// before the claim (``preflight()``); it is read again when nil.
    func execute(startedAt: Date, repository known: RepositoryInfo? = nil) async throws -> StageJobResult {
        let number = request.workItem.number
        let forge = environment.forge
        // Independent reads, at once (each on a connection of its own).
        async let issueRead = forge.issue(number)
        async let commentsRead = forge.comments(onIssue: number)
        async let historyRead = history()
        let repository: RepositoryInfo
        if let known { repository = known } else { repository = try await forge.repositoryInfo() }
        let issue = try await issueRead
        await journal.add(
            .upsertWorkItem(
                WorkItemUpdate(
                    workItem: request.workItem, title: UntrustedText.singleLine(issue.title),
                    currentStage: request.stage.name.rawValue, stageState: "running", at: Date())),
            note: "title")
        let marker = StatusComment.marker(workItem: number)
        let comments = try await commentsRead.filter { !$0.body.contains(marker) }
        let history = try await historyRead
        await environment.log?.record(step: "forge.read", result: "done")
        let workspace = try await Workspace.prepare(
            remote: environment.remote, credentials: environment.credentials, baseBranch: repository.defaultBranch,
            workBranch: try await workBranch(title: issue.title, history: history),
            existingCheckout: await reusableCheckout,
            cloneDirectory: environment.scratch.appendingPathComponent(await workDirectoryName, isDirectory: true),
            log: environment.log)
        await environment.log?.record(step: "workspace", result: "ready")
        await reportNeutralised(workspace)

        var prompt = StagePrompt(
            stage: request.stage,
            workItem: .init(
                number: number, title: issue.title, body: issue.body,
                comments: comments.map { (author: $0.author.login, body: $0.body) }),
            runID: request.runID, lastFailure: try await promptFailure(comments: comments))
        prompt.ownerRounds = request.ownerRounds
        // dev and qa with configured commands: the fix loop, commands, CI and the facts documents (StageJob+DevLoop).
        let work: StageWork
        do {
            if let resumed = try await resumedAgentWork(in: workspace) {
                work = StageWork(agent: resumed, verdict: try await evaluate(agent: resumed, workspace: workspace))
            } else if let looped = try await repositoryWork(in: workspace, prompt: prompt, issue: issue) {
                work = looped
            } else {
                let earlier = earlierVersions(in: workspace)
                let agent = try await runAgent(in: workspace, prompt: prompt.text, issue: issue)
                stampVersions(in: workspace, earlier: earlier)
                work = StageWork(agent: agent, verdict: try await evaluate(agent: agent, workspace: workspace))
            }
        } catch let stop as SpendCeilingReached {
            return try await spendCeilingReached(stop)  // StageJob+SpendCeiling
        }
        let (agent, verdict) = (work.agent, work.verdict)
        try Task.checkCancellation()  // a gate command stopped by a cancel is no verdict: publish nothing
        try await superviseGate(verdict, agent: agent)
        await recordGate(verdict)
        try await checkpoint("gate", verdict.result.rawValue)

        var publication = Publication(verdict: verdict, agent: agent, startedAt: startedAt)
        publication.head = work.head
        publication.pullRequest = work.pullRequest
        publication.extraReasons = work.notes
        publication.ciPending = work.ciPending
        publication.history = history
        publication.repositoryPage = repository.htmlURL.flatMap(URL.init(string:)).flatMap {
            ["http", "https"].contains($0.scheme?.lowercased() ?? "") ? $0 : nil
        }
        // A failed gate publishes its verdict (comment, labels) and nothing else: no push, no pull request.
        let scopeHeld = !verdict.reasons.contains { $0.code == .outsideWriteScope }
        if work.head == nil && agent.status.isSuccess && scopeHeld && verdict.result != .fail {
            try publication.head = await pushWorkBranch(workspace, excluding: work.produced)
            publication.pullRequest = try await openPullRequest(workspace, issue: issue)
        }
        try await publish(&publication, workspace: workspace)
        var result = StageJobResult(
            outcome: .completed, stage: request.stage.name.rawValue, verdict: verdict.result.rawValue,
            pullRequestURL: publication.pullRequest?.htmlURL,
            costUSD: agent.costUSD, tokens: publication.tokens,
            message: "\(request.stage.name.rawValue) on #\(number): gate \(verdict.result.rawValue)"
                + (work.ciPending ? " (waiting for CI)" : ""))
        result.commandLog = work.commandLog?.path
        result.waitingForCI = work.ciPending
        result.transcript = environment.transcripts.map { _ in agent.transcript.directory.path }
        return result
    }

    /// Runs the stage's agent in the work tree, its logs beside the scratch directory.
    ///
    /// `attempt` is the dev loop's attempt number (nil outside the loop): the transcript of each attempt is kept
    /// apart and the session is recorded under that attempt.
    func runAgent(in workspace: Workspace, prompt: String, issue: Issue, attempt: Int? = nil) async throws
        -> AgentOutcome
    {
        let step = attempt.map { $0 > 1 ? "agent-\($0)" : "agent" } ?? "agent"
        try await checkpoint(step, "started")
        let stage = request.stage
        let started = Date()
        let verbose = await verboseAgent
        let ceiling = try await spendCeiling()  // StageJob+SpendCeiling
        if let ceiling, ceiling.isSpent {
            throw SpendCeilingReached(
                reason: "this run's earlier agent runs used up what the budgets left", costUSD: nil, tokens: 0,
                ran: false)
        }
        let outcome = try await ProgressReporting.whileRunning("agent", log: environment.log) {
            try await AgentRunner.run(
                AgentInvocation(
                    kind: environment.agent, prompt: prompt, workDirectory: workspace.root,
                    logDirectory: (environment.transcripts ?? environment.scratch)
                        .appendingPathComponent(
                            "agent-\(stage.name.rawValue)" + (attempt.map { $0 > 1 ? "-attempt-\($0)" : "" } ?? "")),
                    stage: stage.name.rawValue, workItem: request.workItem.number, runID: request.runID,
                    model: stage.model, maxTurns: environment.work.budgets.maxTurns,
                    timeout: environment.agentTimeout ?? .seconds(stage.timeoutMinutes * 60),
                    environment: environment.agentEnvironment, withheldSecrets: environment.secrets,
                    claudeExecutable: environment.claudeExecutable, codexExecutable: environment.codexExecutable,
                    prices: environment.prices,
                    commandTemplate: environment.commandTemplate,
                    artifacts: stage.artifacts, ownerRole: stage.role.rawValue,
                    workItemText: WorkItemText(
                        title: UntrustedText.sanitize(issue.title), body: UntrustedText.sanitize(issue.body),
                        answers: request.ownerRounds.filter { $0.kind == "answer" }.map(\.text)),
                    verboseLogging: verbose, spendCeiling: ceiling))
        }
        let row: Int? = if let attempt { attemptNumber(attempt) } else { await currentAttemptRow }
        await recordSession(outcome, startedAt: started, attemptNumber: row)
        try await checkpoint(step, outcome.status.name)
        if case .budgetExhausted(let reason) = outcome.status {
            throw SpendCeilingReached(
                reason: reason, costUSD: outcome.costUSD,
                tokens: outcome.usage.fullInput + outcome.usage.output)
        }
        if case .modelUnavailable(let reason) = outcome.status {
            throw AgentError(
                code: .modelUnavailable,
                message: "Model API unavailable: \(reason). The work was not judged and no label was changed; run "
                    + "the job again later.")
        }
        return outcome
    }

    /// The gate's verdict; an agent that did not succeed fails the stage with its own reason.
    ///
    /// `excluding` holds paths the repository's commands produced, which are not the agent's changes.
    func evaluate(agent: AgentOutcome, workspace: Workspace, excluding produced: Set<String> = []) async throws
        -> GateVerdict
    {
        let changed = try await workspace.repository.changedPaths().filter { !produced.contains($0) }
        var gate = await supervisedGateEvaluator.evaluate(
            stage: request.stage, workItem: request.workItem.number, workTree: workspace.root, changedPaths: changed)
        if let moved = try await movedHistoryReason(workspace) {
            gate = GateVerdict(result: .fail, reasons: gate.reasons + [moved], questions: gate.questions)
        }
        guard agent.status.isSuccess else {
            let reason = GateReason(
                code: GateReason.Code.agentFailed, message: "The agent did not finish: \(agent.status.description).")
            return GateVerdict(result: .fail, reasons: [reason] + gate.reasons.filter { $0.code == .outsideWriteScope })
        }
        return gate
    }

    /// Regenerates the docset, commits what changed onto the work branch and pushes it (never forced).
    /// Nothing is committed or pushed when the tree did not change (a rerun).
    ///
    /// `excluding` holds paths the repository's commands produced (build output a `.gitignore` does not cover):
    /// they are never committed.
    func pushWorkBranch(_ workspace: Workspace, excluding produced: Set<String> = []) async throws -> ObjectID {
        _ = try GeneratedFiles.regenerate(
            workItem: request.workItem.number, pipeline: environment.pipeline, repositoryRoot: workspace.root,
            stage: request.stage.name)
        let changed = try await workspace.repository.changedPaths().filter { !produced.contains($0) }
        var head = try await workspace.repository.resolve("refs/heads/\(workspace.workBranch)") ?? workspace.startCommit
        if !changed.isEmpty {
            var files: [String: Data] = [:]
            var removed: [String] = []
            for path in changed {
                let url = workspace.root.appendingPathComponent(path)
                if let data = FileManager.default.contents(atPath: url.path) {
                    files[path] = data
                } else {
                    removed.append(path)
                }
            }
            head = try await workspace.repository.commit(
                files, removing: removed, onto: workspace.workBranch,
                message:
                    "conveyor: \(request.stage.name.rawValue) for #\(request.workItem.number)\n\nRun: \(request.runID)",
                author: Signature(name: "Conveyor", email: "conveyor@users.noreply.invalid"))
        }
        if head != workspace.startCommit || !workspace.workBranchExisted {
            try await checkpoint("push", "started", ref: head.description)
            let outcome = try await workspace.repository.push(
                workspace.workBranch, to: workspace.workBranch, remote: workspace.remote,
                credentials: environment.credentials)
            guard outcome == .pushed else {
                throw StageJobError(
                    "The work branch \(workspace.workBranch) moved on the remote while this run worked; run the job again."
                )
            }
            try await checkpoint("push", "done", ref: head.description)
        }
        return head
    }

    /// The work item's pull request: found by its head branch, opened when there is none.
    func openPullRequest(_ workspace: Workspace, issue: Issue) async throws -> PullRequest {
        if let open = try await environment.forge.pullRequests(head: workspace.workBranch, state: .open).first {
            return open
        }
        try await checkpoint("pull-request", "started")
        let created = try await environment.forge.createPullRequest(
            NewPullRequest(
                title: "#\(request.workItem.number): \(UntrustedText.singleLine(issue.title))",
                head: workspace.workBranch,
                base: workspace.baseBranch,
                body: "Conveyor's work on #\(request.workItem.number). Review the documents, then approve the stage."))
        try await checkpoint("pull-request", "done", ref: String(created.number))
        return created
    }
}

/// A stage job that cannot go on, with what to do.
public struct StageJobError: Error, CustomStringConvertible {
    /// A full sentence.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
