import Actions
import Agents
import Execution
import Forge
import Foundation
import Git
import Pipeline
import StateBranch
import Triggers

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

    /// Runs the pipeline from the owner's intake label through `last` with the same ``Job`` as `conveyor run`:
    /// the owner approves each stage in review (`/approve`, scripted), answers open questions (`/answer`,
    /// scripted), and every workflow dispatch Conveyor makes is replayed as the `workflow_dispatch` job it starts,
    /// sent by Conveyor's own identity and authorized only by the approval in state.
    ///
    /// - Returns: every job's report, in order.
    func run(through last: StageName, agent: AgentKind, print: (String) -> Void) async throws -> [JobReport] {
        var reports: [JobReport] = []
        let owner = Actor(login: Self.owner, type: .user)
        let item = WorkItemRef(number: issue.number, kind: .issue)
        let intake = LabelCatalog.defaults.name(for: .run(.intake, .run)) ?? "run:intake"
        var report = try await perform(
            TriggerRun(workItem: item, operation: .stage(.intake), mode: .run, actor: owner, source: .label(intake)),
            job: reports.count, agent: agent)
        reports.append(report)
        print("owner adds \(intake) → \(report.stage?.message ?? report.message)")
        var replayed = 0
        while true {
            let dispatches = try await forge.snapshot().dispatches
            if replayed < dispatches.count {
                let dispatch = dispatches[replayed]
                replayed += 1
                let stage = StageName(rawValue: dispatch.inputs["stage"] ?? "") ?? .intake
                report = try await perform(
                    TriggerRun(
                        workItem: item, operation: .stage(stage), mode: .run,
                        actor: Actor(login: LocalForge.defaultAuthor, type: .bot), source: .inputs),
                    job: reports.count, agent: agent)
                reports.append(report)
                print("workflow_dispatch \(stage) (sent by Conveyor) → \(report.stage?.message ?? report.message)")
                continue
            }
            let state = try await StateSnapshot.reading(stateLocation) {
                try await FlowState.read(WorkItemKey(repository: "\(slug)", number: issue.number), from: $0)
            }
            let operation: TriggerOperation
            switch state.status {
            case .inReview where state.current == last:
                print("\(last) is in review; stopping here (--through \(last)).")
                return reports
            case .inReview: operation = .approve
            case .needsInput: operation = .answer("(simulated owner) Use the simplest option for each question.")
            case .approved where state.current == last:
                print("\(last) is approved; the pipeline is done for #\(issue.number).")
                return reports
            default:
                throw ValidationFailure(
                    "The simulation stopped: `\(state.current?.rawValue ?? "nothing")` is \(state.status.rawValue). "
                        + "See the status comment in \(forge.file.path).")
            }
            let word = operation == .approve ? "/approve" : "/answer"
            _ = try await forge.createComment(
                onIssue: issue.number,
                body: operation == .approve ? "/approve" : "/answer (simulated owner) Use the simplest option.",
                author: Self.owner)
            report = try await perform(
                TriggerRun(
                    workItem: item, operation: operation, mode: operation == .approve ? .run : .revise,
                    actor: owner, source: .command(word)),
                job: reports.count, agent: agent)
            reports.append(report)
            print(
                "owner comments \(word) on \(state.current?.rawValue ?? "-") → \(report.stage?.message ?? report.message)"
            )
        }
    }

    /// One job: the context a `conveyor run` would have, on the local forge and repository.
    private func perform(_ run: TriggerRun, job number: Int, agent: AgentKind) async throws -> JobReport {
        var configuration = PipelineConfiguration.default
        if agent == .offline {
            // The offline agent cannot judge a pull request or a test run: those verdict gates check the documents.
            for name in [StageName.docAudit, .qa] {
                guard var stage = configuration.pipeline[name] else { continue }
                stage.gate = .artifacts
                configuration.pipeline.replace(stage)
            }
        }
        var context = JobContext(
            forge: forge, repository: "\(slug)", remote: remote, credentials: .none, state: stateLocation,
            configuration: configuration, labels: .defaults, scratch: root.appendingPathComponent("job"),
            holder: "conveyor-simulate")
        context.agentFlag = agent.rawValue
        context.agentEnvironment = try Settings.current().variables
        context.selfLogins = Authorizer.builtInSelfLogins.union([LocalForge.defaultAuthor])
        context.actionsRun = "simulate-\(number + 1)-1"
        try FileManager.default.createDirectory(at: context.scratch, withIntermediateDirectories: true)
        return try await Job(context: context, event: JobEvent(name: "simulate", key: "simulate \(number + 1)"))
            .perform(.run(run))
    }

    /// Prints what happened and where to look.
    func describe(_ reports: [JobReport]) async throws {
        guard let result = reports.last(where: { $0.stage != nil })?.stage else { return }
        let document = try await forge.snapshot()
        let pull = document.pullRequests.first
        Console.write("conveyor simulate: \(result.message) (\(reports.count) jobs)")
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
            "  jobs' scratch folders:                          \(root.appendingPathComponent("job").path)")
        Console.write("  verdict: \(result.verdict)")
    }
}
