import Actions
import Agents
import Execution
import Forge
import Foundation
import Git
import Pipeline
import StateBranch

/// The demo's world on disk: `remote.git` (the repository and its state branch), `forge.json` (the forge), and
/// the issue the owner labelled.
struct SimulatedWorld {
    static let owner = "demo-owner"
    let root: URL
    let remote: URL
    let forge: LocalForge
    let issue: Issue
    let slug: RepositorySlug

    /// Creates the repository, the forge, the issue, and the owner's intake label.
    static func create(in root: URL, title: String, body: String) async throws -> SimulatedWorld {
        let remote = root.appendingPathComponent("remote.git", isDirectory: true)
        try await SampleProject.create(at: remote)
        let slug = try RepositorySlug(parsing: "\(owner)/paper-trail")
        let forge = try await LocalForge.create(
            at: root.appendingPathComponent("forge.json"), repository: slug, owner: owner)
        let issue = try await forge.openIssue(title: title, body: body, author: owner)
        _ = try await forge.addLabels(
            [LabelCatalog.defaults.name(for: .run(.intake, .run)) ?? "run:intake"], toIssue: issue.number)
        return SimulatedWorld(root: root, remote: remote, forge: forge, issue: issue, slug: slug)
    }

    /// The state branch's location: the same bare repository, as in a real job.
    var stateLocation: StateLocation {
        StateLocation(remote: remote, credentials: .none, cacheDirectory: root.appendingPathComponent("state-cache"))
    }

    /// Authorizes the owner and runs the intake stage job against the local forge and repository.
    func runIntake(agent: AgentKind) async throws -> StageJobResult {
        let decision = await Authorizer(permissions: forge).authorize(sender: Account(login: Self.owner, kind: .user))
        guard decision.isAllowed else {
            throw ValidationFailure("The demo owner was refused: \(decision.reason ?? "")")
        }
        let intake = try Pipeline.default[.intake] ?? { throw ValidationFailure("The pipeline has no intake stage.") }()
        let job = StageJob(
            request: .init(
                workItem: WorkItemKey(repository: "\(slug)", number: issue.number), stage: intake, mode: .run,
                actor: Self.owner, triggerLabel: "run:intake", trigger: "label run:intake",
                runID: "demo-intake-\(issue.number)",
                holder: "conveyor-simulate", leaseSeconds: 3600),
            environment: .init(
                forge: forge, state: StateBranchStore(location: stateLocation), remote: remote, credentials: .none,
                existingCheckout: nil, scratch: root.appendingPathComponent("job"), labels: .defaults,
                pipeline: .default,
                agent: agent, agentEnvironment: try Settings.current().variables, webURL: nil,
                selfLogins: [LocalForge.defaultAuthor]))
        return try await job.run()
    }

    /// Prints what happened and where to look.
    func describe(_ result: StageJobResult) async throws {
        let document = try await forge.snapshot()
        let pull = document.pullRequests.first
        Console.write("conveyor simulate: \(result.message)")
        Console.write("")
        Console.write("  forge (issue, comments, labels, pull request): \(forge.file.path)")
        for event in document.events { Console.write("    \(event.action) \(event.detail)") }
        Console.write("  repository (work branch and state branch):     \(remote.path)")
        if let pull {
            Console.write(
                "    work branch: \(pull.head)  →  git --git-dir \(remote.path) ls-tree -r --name-only \(pull.head)")
        }
        Console.write("    state:       conveyor state runs --state-remote \(remote.absoluteString)")
        Console.write(
            "  work tree the agent wrote in:                   \(root.appendingPathComponent("job/work").path)")
        Console.write("  verdict: \(result.verdict)")
    }
}
