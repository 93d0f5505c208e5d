import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor run` driven exactly like an Actions job: a labeled-issue payload from the corpus, the Actions
/// variables, the loopback git server (real git http-backend, which also holds the state branch) and the fake
/// forge, with the offline agent.
@Suite struct RunIntakeTests {
    private struct World {
        let scratch: TemporaryDirectory
        let git: GitHTTPServer
        let forge: FakeForge
        let variables: [String: String]
        let bare: URL
        var outputFile: URL { scratch.appending("output.txt") }
    }

    private func withWorld(_ dialect: ForgeDialect = .github, _ body: (World) async throws -> Void) async throws {
        let scratch = try TemporaryDirectory(prefix: "run-intake")
        let token = "ghs_\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        let git = GitHTTPServer(root: scratch.appending("served"), token: token)
        try FileManager.default.createDirectory(at: git.root, withIntermediateDirectories: true)
        try await git.start()
        let forge = try await FakeForge.start(token: token)
        do {
            let bare = try git.createBareRepository("\(forge.owner)/\(forge.repo)")
            try git.seed("\(forge.owner)/\(forge.repo)", files: ["README.md": "# Hello\n"], message: "Initial commit")
            let issue = await forge.seedIssue(title: "Add a login page", body: "Users need to sign in.")
            await forge.setPermission(user: "Codertocat", level: .write)
            await forge.setPermission(user: "a_nice_user", level: .write)
            let payload = try Self.labeledPayload(dialect, issue: issue)
            var job = try ActionsJob.make(dialect, forge: forge, eventName: "issues", payload: payload, in: scratch)
            let port = try #require(git.port)
            job.variables["GITHUB_SERVER_URL"] = "http://127.0.0.1:\(port)"
            job.variables["CONVEYOR_AGENT"] = "offline"
            job.variables["GITHUB_OUTPUT"] = scratch.appending("output.txt").path
            job.variables["GITHUB_STEP_SUMMARY"] = scratch.appending("summary.md").path
            job.variables["RUNNER_TEMP"] = scratch.path
            for blank in ["GITHUB_WORKSPACE", "CONVEYOR_TOKEN", "CONVEYOR_STATE_REMOTE", "CONVEYOR_STATE_CACHE"] {
                job.variables[blank] = ""
            }
            try await body(World(scratch: scratch, git: git, forge: forge, variables: job.variables, bare: bare))
        } catch {
            await forge.stop()
            await git.stop()
            scratch.remove()
            throw error
        }
        await forge.stop()
        await git.stop()
        scratch.remove()
    }

    /// GitHub's `labeled` (corpus, label renamed) or Gitea's `label_updated` (corpus, added label renamed).
    private static func labeledPayload(_ dialect: ForgeDialect, issue: Int) throws -> Data {
        let file =
            dialect == .github
            ? "github-events/issues.labeled.json" : "gitea-events/constructed.issues.label_updated.json"
        return try ActionsJob.payload(file) { object in
            if dialect == .github {
                object["label"] = ["name": "run:intake"]
            } else {
                object["changes"] = ["added_labels": [["id": 301, "name": "run:intake"]]]
            }
            var issueObject = object["issue"] as? [String: Any] ?? [:]
            issueObject["number"] = issue
            object["issue"] = issueObject
        }
    }

    private func conveyor(_ world: World, _ arguments: [String]) async throws -> ProcessOutput {
        let command = [try BuiltBinary.url().path] + arguments
        let variables = world.variables
        return try await onOwnThread { try ProcessRunner.run(command, environment: variables) }
    }

    @Test(arguments: ForgeDialect.allCases)
    func aLabeledIssueGetsAPullRequestOneStatusCommentMovedLabelsAndStateAndARerunChangesNothing(
        dialect: ForgeDialect
    ) async throws {
        try await withWorld(dialect) { world in
            let first = try await conveyor(world, ["run"])
            #expect(first.status == 0, "stdout: \(first.stdout)\nstderr: \(first.stderr)")
            let pulls = await world.forge.pulls()
            #expect(pulls.count == 1)
            let comments = await world.forge.comments(issue: 1)
            #expect(comments.count == 1)
            #expect(comments.first?.body.contains("<!-- conveyor:status:1 -->") == true)
            #expect(comments.first?.body.contains("gate verdict `pass`") == true)
            let labels = await world.forge.labels(issue: 1)
            #expect(labels.contains("state:in-review"))
            #expect(!labels.contains("run:intake"))
            let outputs = try String(contentsOf: world.outputFile, encoding: .utf8)
            #expect(outputs.contains("verdict") && outputs.contains("pass"))
            #expect(outputs.contains("pr-url"))

            let branch = try #require(pulls.first?.head)
            let files = try GitCLI.run(["-C", world.bare.path, "ls-tree", "-r", "--name-only", branch])
            #expect(files.contains("docs/work-items/1/intake/brief.md"))
            #expect(files.contains("docs/_docset/issues/issue-1.yaml"))
            _ = try GitCLI.run(["-C", world.bare.path, "fsck", "--strict"])
            let tip = try GitCLI.run(["-C", world.bare.path, "rev-parse", branch])
            let runs = try await conveyor(world, ["state", "runs", "--format", "json"])
            #expect(runs.stdout.contains("succeeded"), "\(runs.stdout) \(runs.stderr)")

            let second = try await conveyor(world, ["run"])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("already finished"))
            #expect(await world.forge.comments(issue: 1).count == 1)
            #expect(await world.forge.pulls().count == 1)
            #expect(try GitCLI.run(["-C", world.bare.path, "rev-parse", branch]) == tip)
            #expect(!first.stdout.contains(world.forge.token) && !first.stderr.contains(world.forge.token))
        }
    }

    @Test func forgeFaultsDuringPublishAreRetriedAndLeaveExactlyOneOfEach() async throws {
        try await withWorld { world in
            await world.forge.inject(.status(500), on: .createComment, times: 1)
            await world.forge.inject(.status(429, headers: ["Retry-After": "1"]), on: .addLabels, times: 1)
            await world.forge.inject(.dropConnection, on: .createPull, times: 1)
            let run = try await conveyor(world, ["run"])
            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.forge.comments(issue: 1).count == 1)
            #expect(await world.forge.labels(issue: 1).contains("state:in-review"))
            #expect(await world.forge.requestCount(.createComment) == 2)
            let pulls = await world.forge.pulls()
            #expect(pulls.count == 1, "a dropped create is retried; the fake created nothing on the dropped request")
        }
    }
}
