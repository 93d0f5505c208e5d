import Actions
import Agents
import DocAudit
import Documents
import Forge
import Foundation
import Git
import Pipeline
import StateBranch

/// Whether the auditor agent runs after the deterministic checks (`CONVEYOR_DOC_AUDIT_AGENT`).
public enum DocAuditAgentPolicy: String, Sendable, Hashable, CaseIterable {
    /// On for pull requests whose head is in the repository itself, off for forks; skipped (with a note in the
    /// comment) when the agent has no model credentials. The default.
    case auto
    /// As ``auto``, but an agent without credentials fails the audit. A fork never gets an agent, whatever is
    /// configured.
    case on
    /// Deterministic checks only.
    case off
}

/// The audit of one pull request's documentation: the deterministic checks (``DocAudit/DocAuditor``) on the
/// pull request's head, then the auditor agent where the pull request is trusted, published as the commit status
/// ``statusContext`` on the head and one comment edited in place.
///
/// Trust: the pipeline configuration always comes from the base branch, never from the head. A pull request from
/// a fork (``Forge/PullRequest/isFromFork``) gets the deterministic checks only: no agent, no secret handed to any
/// child, and no git push or state write (the token may be read-only); the comment says so.
///
/// Ordering: before publishing, the job asks the forge for the pull request's current head; an audit of a head that
/// is no longer current publishes nothing (``DocAuditResult/Outcome/superseded``), so an older head never
/// overwrites the result for a newer one. The published head and the comment's id are recorded in state.
public struct DocAuditJob: Sendable {
    /// The commit status context the result is posted under.
    public static let statusContext = "conveyor/doc-audit"

    /// What is audited.
    public struct Request: Sendable {
        /// The pull request number.
        public var pullRequest: Int
        /// `owner/name` of the repository the pull request targets.
        public var repository: String
        /// The head the event named; nil audits the forge's current head.
        public var eventHeadSHA: String?
        /// Who caused the event, for the record.
        public var actor: String
        /// What started it, e.g. `pull request synchronize`.
        public var trigger: String
        /// The run's identity in state; the head is appended.
        public var runID: String
        /// Whether the auditor agent runs.
        public var agentPolicy: DocAuditAgentPolicy
        /// Repository-relative folders whose Markdown is audited.
        public var docsRoots: [String]
        /// The label that started the audit (`run:doc-audit`), removed once the result is published, so adding it
        /// again starts another audit; nil for a pull request event.
        public var triggerLabel: String?

        /// Creates a request.
        public init(
            pullRequest: Int, repository: String, eventHeadSHA: String?, actor: String, trigger: String,
            runID: String, agentPolicy: DocAuditAgentPolicy = .auto, docsRoots: [String] = ["docs"],
            triggerLabel: String? = nil
        ) {
            self.triggerLabel = triggerLabel
            self.pullRequest = pullRequest
            self.repository = repository
            self.eventHeadSHA = eventHeadSHA
            self.actor = actor
            self.trigger = trigger
            self.runID = runID
            self.agentPolicy = agentPolicy
            self.docsRoots = docsRoots
        }
    }

    /// The parts the job works with.
    public struct Environment: Sendable {
        /// The forge's REST API.
        public var forge: any ForgeClient
        /// The state branch; nil records nothing.
        public var state: StateBranchStore?
        /// The repository's git remote.
        public var remote: URL
        /// Credentials for `remote`; only fetched with.
        public var credentials: Credentials
        /// A scratch directory for the clone and the agent's logs.
        public var scratch: URL
        /// The agent to run where the pull request is trusted.
        public var agent: AgentKind
        /// The environment the agent's is scrubbed from.
        public var agentEnvironment: [String: String]
        /// Where the Claude Code CLI is.
        public var claudeExecutable: String
        /// Where the Codex CLI is.
        public var codexExecutable: String
        /// The command line of a `command` agent.
        public var commandTemplate: CommandTemplate?
        /// Overrides the stage's timeout for the agent.
        public var agentTimeout: Duration?
        /// Conveyor's own logins, to recognise its comment.
        public var selfLogins: Set<String>
        /// Values no child process may see under any name: the job's forge token.
        public var secrets: [Secret]
        /// Where the agent's transcript is kept; nil keeps it in ``scratch``.
        public var transcripts: URL?

        /// Creates an environment.
        public init(
            forge: any ForgeClient, state: StateBranchStore?, remote: URL, credentials: Credentials, scratch: URL,
            agent: AgentKind, agentEnvironment: [String: String], claudeExecutable: String = "claude",
            codexExecutable: String = "codex", commandTemplate: CommandTemplate? = nil, agentTimeout: Duration? = nil,
            selfLogins: Set<String>, secrets: [Secret] = [], transcripts: URL? = nil
        ) {
            self.forge = forge
            self.state = state
            self.remote = remote
            self.credentials = credentials
            self.scratch = scratch
            self.agent = agent
            self.agentEnvironment = agentEnvironment
            self.claudeExecutable = claudeExecutable
            self.codexExecutable = codexExecutable
            self.commandTemplate = commandTemplate
            self.agentTimeout = agentTimeout
            self.selfLogins = selfLogins
            self.secrets = secrets
            self.transcripts = transcripts
        }
    }

    /// The request.
    public let request: Request
    /// The environment.
    public let environment: Environment

    /// Creates a job.
    public init(request: Request, environment: Environment) {
        self.request = request
        self.environment = environment
    }

    /// Audits the head, then publishes unless a newer head has arrived.
    ///
    /// - Throws: ``DocAuditJobError`` when the head cannot be fetched or the base branch's configuration is
    ///   invalid (nothing is published then); forge, git and state errors as they come.
    public func run() async throws -> DocAuditResult {
        let number = request.pullRequest
        let forge = environment.forge
        let pull = try await forge.pullRequest(number)
        let isFork = pull.isFromFork || pull.headRepository?.lowercased() != request.repository.lowercased()
        let checkout = try await DocAuditCheckout.prepare(
            remote: environment.remote, credentials: environment.credentials, pullRequest: pull,
            eventHeadSHA: request.eventHeadSHA,
            directory: environment.scratch.appendingPathComponent("audit", isDirectory: true))
        let head = checkout.head.description
        guard head == pull.headSHA || pull.headSHA.isEmpty || request.eventHeadSHA == nil else {
            return superseded(head: head, current: pull.headSHA, isFork: isFork)
        }
        _ = try? await forge.createStatus(
            NewCommitStatus(
                state: .pending, context: Self.statusContext, description: "Auditing the documentation of this head"),
            sha: head)

        let auditor = DocAuditor(
            repositoryRoot: checkout.root, docsRoots: request.docsRoots, pipeline: checkout.configuration.pipeline,
            changedPaths: Set(checkout.changedPaths))
        let report = auditor.audit()
        let agent = try await agentAudit(
            pull: pull, isFork: isFork, checkout: checkout, report: report)

        let passed = report.passed && agent.passed
        let current = try await forge.pullRequest(number)
        guard current.headSHA == head || current.headSHA.isEmpty else {
            return superseded(head: head, current: current.headSHA, isFork: isFork)
        }
        let comment = DocAuditComment(
            pullRequest: number, headSHA: head, passed: passed, report: report, agentLine: agent.line,
            isFromFork: isFork)
        let published: Int
        do {
            published = try await publish(
                comment, head: head, passed: passed, report: report, isFork: isFork, agentFailed: !agent.passed)
        } catch  where isFork && Self.isReadOnlyRefusal(error) {
            // GitHub gives a fork's `pull_request` job a read-only token: the result goes to the job instead.
            var result = DocAuditResult(
                outcome: .reportedInJob, passed: passed, headSHA: head, isFromFork: true, agentRan: false,
                report: report, commentID: nil,
                message: "doc audit of #\(number) at \(head.prefix(12)): \(passed ? "passed" : "failed") "
                    + "(\(report.errors.count) errors, \(report.warnings.count) warnings); the token of this fork's "
                    + "job is read-only (\(error)), so the findings are in this job's log and summary instead of a "
                    + "comment and a commit status")
            result.commentBody = comment.body
            return result
        }
        return DocAuditResult(
            outcome: .published, passed: passed, headSHA: head, isFromFork: isFork, agentRan: agent.ran,
            report: report, commentID: published,
            message: "doc audit of #\(number) at \(head.prefix(12)): \(passed ? "passed" : "failed") "
                + "(\(report.errors.count) errors, \(report.warnings.count) warnings"
                + (agent.ran ? ", \(agent.line)" : "") + ")")
    }

    /// True for what a read-only job token gets when it writes: 403, or GitHub's 404 for a repository it may
    /// not write to.
    private static func isReadOnlyRefusal(_ error: any Error) -> Bool {
        ForgeError.Code.forbidden ~= error || ForgeError.Code.notFound ~= error
    }

    private func superseded(head: String, current: String, isFork: Bool) -> DocAuditResult {
        DocAuditResult(
            outcome: .superseded, passed: true, headSHA: head, isFromFork: isFork, agentRan: false,
            report: DocAuditReport(findings: [], markdownFiles: 0, documents: 0, changedPaths: 0), commentID: nil,
            message: "The pull request's head moved on from \(head.prefix(12)) to \(current.prefix(12)); this audit "
                + "of the older head published nothing, so the result for the newer head stands.")
    }

    // MARK: - Publishing

    /// Posts the status, writes the comment (edited in place) and records both in state; returns the comment's id.
    private func publish(
        _ comment: DocAuditComment, head: String, passed: Bool, report: DocAuditReport, isFork: Bool,
        agentFailed: Bool
    ) async throws -> Int {
        let number = request.pullRequest
        let forge = environment.forge
        let key = WorkItemKey(repository: request.repository, number: number, kind: "pull_request")
        let recorded = await recordedCommentIDs(key)
        let existing = try await OwnCommentFinder(forge: forge, configuredLogins: environment.selfLogins).find(
            onIssue: number, marker: DocAuditComment.marker(pullRequest: number), recordedIDs: recorded)
        let posted =
            if let existing {
                try await forge.updateComment(id: existing.id, body: comment.body)
            } else {
                try await forge.createComment(onIssue: number, body: comment.body)
            }
        let summary =
            passed
            ? "Docs audit passed" + (report.warnings.isEmpty ? "" : " with \(report.warnings.count) warnings")
            : "Docs audit failed: \(report.errors.count) errors" + (agentFailed ? "; the auditor's verdict fails" : "")
        _ = try await forge.createStatus(
            NewCommitStatus(state: passed ? .success : .failure, context: Self.statusContext, description: summary),
            sha: head)
        if let label = request.triggerLabel { try await forge.removeLabel(label, fromIssue: number) }
        if !isFork { try await record(key: key, head: head, commentID: posted.id, passed: passed) }
        return posted.id
    }

    private func recordedCommentIDs(_ key: WorkItemKey) async -> [Int] {
        guard let state = environment.state else { return [] }
        let refs = try? await StateSnapshot.reading(state.location) { snapshot in
            try await snapshot.database.recordedRefs(step: "doc-audit-comment", on: key)
        }
        return (refs ?? []).compactMap { Int($0) }
    }

    /// One state commit: the run, the head it published and the comment's id.
    private func record(key: WorkItemKey, head: String, commentID: Int, passed: Bool) async throws {
        guard let state = environment.state else { return }
        let runID = "\(request.runID)-\(head.prefix(12))"
        let now = Date()
        let verdict = passed ? "pass" : "fail"
        _ = try await state.apply(
            [
                .upsertWorkItem(
                    WorkItemUpdate(
                        workItem: key, title: "", currentStage: StageName.docAudit.rawValue, stageState: verdict,
                        at: now)),
                .startRun(
                    RunStart(
                        runID: runID, workItem: key, stage: StageName.docAudit.rawValue, mode: "run",
                        actor: request.actor, trigger: request.trigger, at: now)),
                .checkpoint(
                    CheckpointRecord(
                        idempotencyKey: "\(runID):doc-audit-comment", runID: runID, step: "doc-audit-comment",
                        state: CheckpointRecord.done, externalRef: String(commentID), at: now)),
                .checkpoint(
                    CheckpointRecord(
                        idempotencyKey: "\(runID):doc-audit-head", runID: runID, step: "doc-audit-head",
                        state: CheckpointRecord.done, externalRef: head, at: now)),
                .finishRun(RunFinish(runID: runID, status: .succeeded, outcome: verdict, at: Date())),
            ], message: "Doc audit of \(key) at \(head.prefix(12)): \(verdict) (\(runID))")
    }
}

/// How a doc audit ended.
public struct DocAuditResult: Sendable, Hashable {
    /// What happened.
    public enum Outcome: String, Sendable, Hashable {
        /// The status and the comment were published for the audited head.
        case published
        /// The pull request's head moved on while (or before) this audit ran; nothing was published.
        case superseded
        /// A fork's job could not publish (its token is read-only): the result is in the job's log, annotations
        /// and summary (``DocAuditResult/commentBody``), and in its exit status.
        case reportedInJob
    }

    /// What happened.
    public var outcome: Outcome
    /// True when no finding is an error and the agent's verdict (if it ran) passed.
    public var passed: Bool
    /// The audited head.
    public var headSHA: String
    /// True for a pull request from a fork (deterministic checks only).
    public var isFromFork: Bool
    /// True when the auditor agent ran.
    public var agentRan: Bool
    /// The deterministic checks' report.
    public var report: DocAuditReport
    /// The comment written, when published.
    public var commentID: Int?
    /// The comment that could not be published (``Outcome/reportedInJob``), for the job summary.
    public var commentBody: String?
    /// One sentence for the job log.
    public var message: String
}

/// A doc audit that cannot go on, with what to do.
public struct DocAuditJobError: Error, CustomStringConvertible {
    /// A full sentence.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
