import Actions
import ConveyorTestSupport
import Execution
import Forge
import Foundation
import Git
import Pipeline
import StateBranch
import Triggers

/// A work item's whole world for in-process jobs: the loopback git server (the repository and its state branch),
/// the fake forge on one dialect with issue #1, and an owner with write permission. Every human action (a label, a
/// comment, a review) becomes the event payload the forge would deliver and runs as one ``Job``, in this process;
/// every workflow dispatch Conveyor makes is then replayed as the `workflow_dispatch` event the forge would deliver,
/// sent by Conveyor's own identity, until none is left.
final class FlowWorld: @unchecked Sendable {
    let dialect: ForgeDialect
    /// The git server, the fake forge and the scratch directory, set up as for every world.
    let peers: LoopbackWorld
    var git: GitHTTPServer { peers.git }
    var forge: FakeForge { peers.forge }
    var scratch: TemporaryDirectory { peers.scratch }
    var token: String { peers.token }
    let bare: URL
    var configuration: PipelineConfiguration
    /// The issue the flow works on.
    let issue: Int
    /// The owner (write permission).
    let owner = "alice"
    /// The login Conveyor's token writes as.
    var selfLogin: String { dialect == .github ? "github-actions[bot]" : "gitea-actions" }
    /// The agent every stage runs (`offline` unless a test sets another).
    var agent = "offline"
    /// The environment agents are scrubbed from (e.g. the scripted model server's variables for Claude Code).
    var agentEnvironment: [String: String] = [:]
    /// The Claude Code CLI, when ``agent`` is `claude`.
    var claudeExecutable = "claude"
    /// Where every job's checkout is (its `GITHUB_WORKSPACE`), so a scripted agent knows the paths: cloned afresh
    /// from the default branch before each job, as `actions/checkout` does.
    var checkout: URL?
    private var jobs = 0
    private var replayed = 0
    /// Every report, in order.
    private(set) var reports: [JobReport] = []
    /// How many dispatches were replayed.
    var dispatchCount: Int { replayed }

    private init(
        dialect: ForgeDialect, peers: LoopbackWorld, bare: URL, issue: Int, configuration: PipelineConfiguration
    ) {
        self.dialect = dialect
        self.peers = peers
        self.bare = bare
        self.issue = issue
        self.configuration = configuration
    }

    /// Runs `body` in a fresh world with issue #1 (`body` text as given).
    static func with(
        _ dialect: ForgeDialect, issueBody: String = "People need to export their notes as PDF.",
        configuration: PipelineConfiguration = .default, _ body: (FlowWorld) async throws -> Void
    ) async throws {
        try await LoopbackWorld.with(prefix: "flow", permissions: ["alice": .write, "mallory": .read]) { peers in
            let bare = try peers.git.createBareRepository("\(peers.slug)")
            try peers.git.seed("\(peers.slug)", files: ["README.md": "# Notes\n"], message: "Initial commit")
            let issue = await peers.forge.seedIssue(title: "Export notes as PDF", body: issueBody)
            await peers.forge.setTokenIdentity(
                dialect == .github ? .app(slug: "github-actions") : .user("gitea-actions"))
            let world = FlowWorld(
                dialect: dialect, peers: peers, bare: bare, issue: issue, configuration: configuration)
            try await body(world)
        }
    }

    // MARK: - What a person does

    /// The owner (or `by`) adds `label` to the issue; the labeled event runs as a job.
    @discardableResult
    func label(_ label: String, by login: String? = nil) async throws -> JobReport {
        await forge.addLabel(label, toIssue: issue)
        var payload: [String: Any] = [
            "action": dialect == .github ? "labeled" : "label_updated",
            "issue": ["number": issue, "updated_at": LoopbackWorld.timestamp()],
            "sender": sender(login ?? owner),
        ]
        if dialect == .github {
            payload["label"] = ["name": label]
        } else {
            payload["changes"] = ["added_labels": [["id": 1, "name": label]]]
        }
        return try await deliver("issues", payload)
    }

    /// The owner (or `by`) comments `body` on the issue; the comment event runs as a job.
    @discardableResult
    func comment(_ body: String, by login: String? = nil) async throws -> JobReport {
        let author = login ?? owner
        let id = await forge.seedComment(issue: issue, body: body, author: author)
        return try await deliver(
            "issue_comment",
            [
                "action": "created", "issue": ["number": issue, "updated_at": LoopbackWorld.timestamp()],
                "comment": ["id": id, "body": body], "sender": sender(author),
            ])
    }

    /// The owner approves the item's pull request in a review; the review event runs as a job.
    @discardableResult
    func approveReview(by login: String? = nil) async throws -> JobReport {
        let pull = try pullRequest()
        let review: [String: Any] =
            dialect == .github
            ? ["id": 9000 + jobs, "state": "approved"] : ["id": 9000 + jobs, "type": "pull_request_review_approved"]
        return try await deliver(
            "pull_request_review",
            [
                "action": dialect == .github ? "submitted" : "reviewed",
                "pull_request": ["number": pull.number, "head": ["ref": pull.head]], "review": review,
                "sender": sender(login ?? owner),
            ])
    }

    /// Replays every workflow dispatch Conveyor made and has not been replayed yet, as the `workflow_dispatch` event
    /// the forge delivers (sender: Conveyor's own identity), until there is none left.
    func replayDispatches() async throws {
        while true {
            let all = await forge.dispatches()
            guard replayed < all.count else { return }
            let dispatch = all[replayed]
            replayed += 1
            _ = try await deliver(
                "workflow_dispatch",
                [
                    "inputs": dispatch.inputs, "ref": dispatch.ref, "workflow": dispatch.workflowID,
                    "sender": ["login": selfLogin, "type": "Bot"],
                ], replay: false)
        }
    }

    // MARK: - Reading the outcome

    func pullRequest() throws -> (number: Int, head: String) {
        guard let pull = pulls.first else { throw FlowWorldError("no pull request yet") }
        return (pull.number, pull.head)
    }

    private var pulls: [ForgePull] = []

    /// The document at `path` on the item's work branch.
    func document(_ path: String) async throws -> String {
        let branch = try pullRequest().head
        return try await GitCLI.runDetached(["-C", bare.path, "show", "\(branch):\(path)"])
    }

    /// A frontmatter value of the document at `path` on the work branch.
    func frontmatter(_ key: String, of path: String) async throws -> String? {
        FrontmatterValue.of(key, in: try await document(path))
    }

    /// The item's flow state as state records it.
    func flowState() async throws -> FlowState {
        try await StateSnapshot.reading(stateLocation()) {
            try await FlowState.read(
                WorkItemKey(repository: "\(self.forge.owner)/\(self.forge.repo)", number: self.issue), from: $0)
        }
    }

    /// The audit log of the item.
    func flowEvents() async throws -> [FlowEventSummary] {
        try await StateSnapshot.reading(stateLocation()) {
            try await $0.database.flowEvents(
                on: WorkItemKey(repository: "\(self.forge.owner)/\(self.forge.repo)", number: self.issue))
        }
    }

    // MARK: - Running one job

    private func deliver(_ name: String, _ object: [String: Any], replay: Bool = true) async throws -> JobReport {
        jobs += 1
        if let checkout {
            try? FileManager.default.removeItem(at: checkout)
            try await GitCLI.runDetached(["clone", "--quiet", bare.path, checkout.path])
        }
        let payload = try JSONSerialization.data(withJSONObject: object)
        let labels = LabelCatalog.defaults
        let decision = try TriggerResolver.resolve(
            TriggerContext(
                eventName: name, payload: payload, forge: dialect == .github ? .github : .gitea, labels: labels,
                pipeline: configuration.pipeline))
        let actionsRun = "\(7000 + jobs)-1"
        let job = Job(
            context: try context(actionsRun: actionsRun),
            event: JobEvent.of(name: name, payload: payload, actionsRun: actionsRun))
        let report = try await job.perform(decision)
        reports.append(report)
        pulls = await forge.pulls()
        if replay { try await replayDispatches() }
        return report
    }

    private func stateLocation() throws -> StateLocation {
        try peers.stateLocation(in: "\(peers.slug)")
    }

    private func context(actionsRun: String) throws -> JobContext {
        let slug = peers.slug
        var context = JobContext(
            forge: peers.client(dialect, configuration: LoopbackWorld.jobClientConfiguration),
            repository: "\(slug)", remote: try git.url(for: "\(slug)"),
            credentials: .token(token), state: try stateLocation(), configuration: configuration,
            labels: .defaults, scratch: scratch.url, holder: "job-\(actionsRun)")
        context.agentFlag = agent
        context.agentEnvironment = agentEnvironment
        context.claudeExecutable = claudeExecutable
        context.existingCheckout = checkout
        context.runnerTemp = scratch.url
        context.actionsRun = actionsRun
        context.stateDeadline = .seconds(60)
        return context
    }

    private func sender(_ login: String) -> [String: Any] {
        dialect == .github ? ["login": login, "type": "User"] : ["login": login, "username": login]
    }
}

struct FlowWorldError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads one top-level frontmatter value, for assertions.
enum FrontmatterValue {
    static func of(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n").dropFirst() {
            if line == "---" { return nil }
            if line.hasPrefix("\(key):") {
                return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
