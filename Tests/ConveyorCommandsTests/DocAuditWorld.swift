import ConveyorTestSupport
import Documents
import Foundation
import Pipeline
import Testing

/// A pull request's world for `conveyor run` on a `pull_request` event: the loopback git server (real git
/// http-backend, with real history: `main`, the pull request's branch and `refs/pull/<N>/head`), the fake forge with
/// the pull request at its real head, and the job's variables. Payloads are the corpus's own pull request events
/// with the number and head rewritten.
struct DocAuditWorld {
    let dialect: ForgeDialect
    let scratch: TemporaryDirectory
    let git: GitHTTPServer
    let forge: FakeForge
    let variables: [String: String]
    let bare: URL
    let mainSHA: String
    /// A clone the pull request's commits are made in (through the file system, not the server).
    let work: URL
    /// Where the `command` agent's script records that it ran, with its environment.
    var agentMarker: URL { scratch.appending("agent-ran.txt") }

    static func with(
        _ dialect: ForgeDialect, main files: [String: String], _ body: (DocAuditWorld) async throws -> Void
    ) async throws {
        try await GitHTTPServer.withScratch(prefix: "doc-audit") { git, scratch, token in
            let forge = try await FakeForge.start(token: token)
            do {
                try await body(try prepare(dialect, git: git, forge: forge, scratch: scratch, main: files))
            } catch {
                await forge.stop()
                throw error
            }
            await forge.stop()
        }
    }

    private static func prepare(
        _ dialect: ForgeDialect, git: GitHTTPServer, forge: FakeForge, scratch: TemporaryDirectory,
        main files: [String: String]
    ) throws -> DocAuditWorld {
        let name = "\(forge.owner)/\(forge.repo)"
        let bare = try git.createBareRepository(name)
        let mainSHA = try git.seed(name, files: ["README.md": "# Hello\n"].merging(files) { $1 }, message: "Initial")
        let work = scratch.appending("work")
        try GitCLI.run(["clone", "--quiet", bare.path, work.path])
        try GitCLI.run(["checkout", "--quiet", "-b", "feature"], in: work)
        let script = scratch.appending("auditor.sh")
        let marker = scratch.appending("agent-ran.txt")
        try Data(
            """
            #!/bin/sh
            env > '\(marker.path)'
            mkdir -p docs/work-items/1/doc-audit
            cat > docs/work-items/1/doc-audit/audit-report.md <<'EOF'
            ---
            doc_id: AUD-1
            type: audit-report
            status: draft
            owner_role: auditor
            stage: doc-audit
            work_item: 1
            related_prs: [1]
            verdict: pass
            ---
            # Audit
            EOF
            """.utf8
        ).write(to: script)
        var job = try ActionsJob.make(
            dialect, forge: forge, eventName: "pull_request", payload: Data("{}".utf8), in: scratch)
        let port = try #require(git.port)
        job.variables["GITHUB_SERVER_URL"] = "http://127.0.0.1:\(port)"
        job.variables["CONVEYOR_AGENT"] = "command"
        job.variables["CONVEYOR_AGENT_COMMAND"] = "sh \(script.path)"
        job.variables["GITHUB_OUTPUT"] = scratch.appending("output.txt").path
        job.variables["GITHUB_STEP_SUMMARY"] = scratch.appending("summary.md").path
        job.variables["RUNNER_TEMP"] = scratch.path
        for blank in ["GITHUB_WORKSPACE", "CONVEYOR_TOKEN", "CONVEYOR_STATE_REMOTE", "CONVEYOR_STATE_CACHE"] {
            job.variables[blank] = ""
        }
        return DocAuditWorld(
            dialect: dialect, scratch: scratch, git: git, forge: forge, variables: job.variables, bare: bare,
            mainSHA: mainSHA, work: work)
    }

    /// Commits `files` on the pull request's branch and pushes it as `refs/pull/<number>/head` (and, unless the
    /// pull request is from a fork, as the branch `feature`); returns the new head.
    @discardableResult
    func push(_ files: [String: String], message: String, number: Int = 1, fork: Bool = false) throws -> String {
        for (path, text) in files {
            let url = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try GitCLI.run(["add", "--all"], in: work)
        try GitCLI.run(["commit", "--quiet", "--message", message], in: work)
        var refspecs = ["+HEAD:refs/pull/\(number)/head"]
        if !fork { refspecs.append("+HEAD:refs/heads/feature") }
        try GitCLI.run(["push", "--quiet", bare.path] + refspecs, in: work)
        return try GitCLI.run(["rev-parse", "HEAD"], in: work)
    }

    /// The corpus payload of `action` (`opened` or `synchronize`) in this world's dialect, about pull request
    /// `number` at `head`.
    func payload(_ action: String, number: Int = 1, head: String, fork: Bool = false) throws -> Data {
        let file =
            switch (dialect, action) {
            case (.github, "opened"): "github-events/pull_request.opened.json"
            case (.github, _): "github-events/pull_request.synchronize.json"
            case (.gitea, "opened"): "gitea-events/woodpecker-gitea.HookPullRequest.json"
            case (.gitea, _): "gitea-events/woodpecker-gitea.HookPullRequestUpdated.json"
            }
        let repository = fork ? "forker/\(forge.repo)" : "\(forge.owner)/\(forge.repo)"
        let base = mainSHA
        return try ActionsJob.payload(file) { object in
            object["number"] = number
            var pull = object["pull_request"] as? [String: Any] ?? [:]
            pull["number"] = number
            var headObject = pull["head"] as? [String: Any] ?? [:]
            headObject["sha"] = head
            headObject["ref"] = "feature"
            var headRepo = headObject["repo"] as? [String: Any] ?? [:]
            headRepo["full_name"] = repository
            headObject["repo"] = headRepo
            pull["head"] = headObject
            var baseObject = pull["base"] as? [String: Any] ?? [:]
            baseObject["sha"] = base
            baseObject["ref"] = "main"
            pull["base"] = baseObject
            object["pull_request"] = pull
        }
    }

    /// The corpus event that adds `label` to pull request `number`: GitHub's `pull_request.labeled` with its label
    /// renamed, or Gitea's `label_updated` with the label in the pull request's list and in `changes.added_labels`.
    func labeledPayload(_ label: String, number: Int = 1, head: String) throws -> Data {
        let file =
            dialect == .github
            ? "github-events/pull_request.labeled.json" : "gitea-events/woodpecker-gitea.HookPullRequestAddLabel.json"
        let repository = "\(forge.owner)/\(forge.repo)"
        return try ActionsJob.payload(file) { object in
            object["number"] = number
            var pull = object["pull_request"] as? [String: Any] ?? [:]
            pull["number"] = number
            var headObject = pull["head"] as? [String: Any] ?? [:]
            headObject["sha"] = head
            var headRepo = headObject["repo"] as? [String: Any] ?? [:]
            headRepo["full_name"] = repository
            headObject["repo"] = headRepo
            pull["head"] = headObject
            pull["labels"] = [["id": 301, "name": label]]
            object["pull_request"] = pull
            if dialect == .github {
                object["label"] = ["name": label]
            } else {
                object["changes"] = ["added_labels": [["id": 301, "name": label]]]
            }
        }
    }

    /// Runs the built `conveyor run` on `payload` with this job's variables (plus `extra`).
    func run(_ payload: Data, _ extra: [String: String] = [:]) async throws -> ProcessOutput {
        let event = scratch.appending("event-\(UUID().uuidString).json")
        try payload.write(to: event)
        let command = [try BuiltBinary.url().path, "run"]
        let variables = self.variables.merging(extra) { $1 }.merging(["GITHUB_EVENT_PATH": event.path]) { $1 }
        return try await onOwnThread { try ProcessRunner.run(command, environment: variables) }
    }

    /// The latest `conveyor/doc-audit` status of `sha`, as the fake forge holds it.
    func auditStatus(_ sha: String) async -> ForgeStatus? {
        await forge.statuses(sha: sha).last { $0.context == "conveyor/doc-audit" }
    }

    /// The generated docset and issue map of `documents` (path → text), as Conveyor writes them.
    static func generated(_ documents: [String: String], workItem: Int) throws -> [String: String] {
        let scratch = try TemporaryDirectory(prefix: "generated")
        defer { scratch.remove() }
        for (path, text) in documents {
            let url = scratch.appending(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let (_, paths) = try GeneratedFiles.regenerate(
            workItem: workItem, pipeline: .default, repositoryRoot: scratch.url, stage: .intake)
        var files: [String: String] = [:]
        for path in paths { files[path] = try String(contentsOf: scratch.appending(path), encoding: .utf8) }
        return files
    }
}
