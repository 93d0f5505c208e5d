import ConveyorTestSupport
import Foundation
import Testing

/// One Actions job's world for `conveyor run`: the loopback git server (real git http-backend, which also holds
/// the state branch), the fake forge with issue #1, and the job's variables (offline agent by default).
struct RunWorld {
    let scratch: TemporaryDirectory
    let git: GitHTTPServer
    let forge: FakeForge
    let variables: [String: String]
    let bare: URL
    var outputFile: URL { scratch.appending("output.txt") }

    static func with(
        _ dialect: ForgeDialect = .github, seed extraFiles: [String: String] = [:],
        _ body: (RunWorld) async throws -> Void
    ) async throws {
        let scratch = try TemporaryDirectory(prefix: "run-intake")
        let token = "ghs_\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        let git = GitHTTPServer(root: scratch.appending("served"), token: token)
        try FileManager.default.createDirectory(at: git.root, withIntermediateDirectories: true)
        try await git.start()
        let forge = try await FakeForge.start(token: token)
        do {
            let bare = try git.createBareRepository("\(forge.owner)/\(forge.repo)")
            try git.seed(
                "\(forge.owner)/\(forge.repo)", files: ["README.md": "# Hello\n"].merging(extraFiles) { $1 },
                message: "Initial commit")
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
            try await body(RunWorld(scratch: scratch, git: git, forge: forge, variables: job.variables, bare: bare))
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
    static func labeledPayload(_ dialect: ForgeDialect, issue: Int) throws -> Data {
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

    /// Runs the built `conveyor` with this job's variables (plus `extra`).
    func conveyor(_ arguments: [String], _ extra: [String: String] = [:]) async throws -> ProcessOutput {
        let command = [try BuiltBinary.url().path] + arguments
        let variables = self.variables.merging(extra) { $1 }
        return try await onOwnThread { try ProcessRunner.run(command, environment: variables) }
    }
}
