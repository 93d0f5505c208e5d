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
        _ dialect: ForgeDialect = .github, seed extraFiles: [String: String] = [:], label: String = "run:intake",
        _ body: (RunWorld) async throws -> Void
    ) async throws {
        try await GitHTTPServer.withScratch(prefix: "run-intake") { git, scratch, token in
            let forge = try await FakeForge.start(token: token)
            do {
                try await body(
                    try await prepare(dialect, git: git, forge: forge, scratch: scratch, seed: extraFiles, label: label)
                )
            } catch {
                await forge.stop()
                throw error
            }
            await forge.stop()
        }
    }

    /// Seeds the repository and issue #1, and builds the job's variables.
    private static func prepare(
        _ dialect: ForgeDialect, git: GitHTTPServer, forge: FakeForge, scratch: TemporaryDirectory,
        seed extraFiles: [String: String], label: String
    ) async throws -> RunWorld {
        let bare = try git.createBareRepository("\(forge.owner)/\(forge.repo)")
        try git.seed(
            "\(forge.owner)/\(forge.repo)", files: ["README.md": "# Hello\n"].merging(extraFiles) { $1 },
            message: "Initial commit")
        let issue = await forge.seedIssue(title: "Add a login page", body: "Users need to sign in.")
        await forge.setPermission(user: "Codertocat", level: .write)
        await forge.setPermission(user: "a_nice_user", level: .write)
        let payload = try ActionsJob.labeledIssue(dialect, label: label, issue: issue)
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
        return RunWorld(scratch: scratch, git: git, forge: forge, variables: job.variables, bare: bare)
    }

    /// The types of the intake stage's six artifacts, each written to `docs/work-items/1/intake/<type>.md`.
    static let intakeTypes = ["problem", "personas", "scope", "constraints", "brief", "open-questions"]

    /// Claude `Write` tool calls that create every intake artifact, with `body`, in `checkout`.
    static func claudeIntakeWrites(into checkout: URL, body: String) -> [ModelContent] {
        intakeTypes.map { type in
            ModelContent.write(
                id: "toolu_\(type.replacingOccurrences(of: "-", with: "_"))",
                filePath: checkout.appendingPathComponent("docs/work-items/1/intake/\(type).md").path,
                content: intakeArtifact(type, body: body))
        }
    }

    /// A shell command (for a Codex tool call) that writes every intake artifact, with `body`, in the work tree.
    static func intakeWriteCommand(body: String) -> String {
        (["mkdir -p docs/work-items/1/intake"]
            + intakeTypes.map {
                "printf '%s' '\(intakeArtifact($0, body: body))' > docs/work-items/1/intake/\($0).md"
            })
            .joined(separator: " && ")
    }

    /// An intake artifact Conveyor's gate accepts, with `body` after its frontmatter; it has no single quote of its
    /// own, so it can travel inside a shell command.
    static func intakeArtifact(_ type: String, body: String = "") -> String {
        """
        ---
        doc_id: WI-1-\(type)
        type: \(type)
        status: draft
        owner_role: pm
        stage: intake
        work_item: 1
        related_issues: [1]
        version: 1
        ---
        # \(type)

        \(body)

        """
    }

    /// `<scratch>/checkout`: a git CLI clone of the repository, made on first use.
    func clonedCheckout() throws -> URL {
        let checkout = scratch.appending("checkout")
        if !FileManager.default.fileExists(atPath: checkout.path) {
            try GitCLI.run(["clone", "--quiet", bare.path, checkout.path])
        }
        return checkout
    }

    /// The variables that make `conveyor run` use the real Claude Code CLI against `server`, with a home of its
    /// own in the scratch directory and `checkout` as `GITHUB_WORKSPACE`.
    func claudeVariables(server: ModelServer, checkout: URL) throws -> [String: String] {
        let home = scratch.appending("claude-home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var variables = server.cliEnvironment(home: home)
        variables["CONVEYOR_AGENT"] = "claude"
        variables["CONVEYOR_CLAUDE_BIN"] = try ClaudeBinary.locate()
        variables["GITHUB_WORKSPACE"] = checkout.path
        return variables
    }

    /// The variables that make `conveyor run` use the real Codex CLI against `server`, with `checkout` as
    /// `GITHUB_WORKSPACE`.
    func codexVariables(server: ResponsesAPIServer, checkout: URL) throws -> [String: String] {
        var variables = server.cliEnvironment()
        variables["CONVEYOR_AGENT"] = "codex"
        variables["CONVEYOR_CODEX_BIN"] = try CodexBinary.locate()
        variables["GITHUB_WORKSPACE"] = checkout.path
        return variables
    }

    /// Runs the built `conveyor` with this job's variables (plus `extra`).
    func conveyor(_ arguments: [String], _ extra: [String: String] = [:]) async throws -> ProcessOutput {
        let command = [try BuiltBinary.url().path] + arguments
        let variables = self.variables.merging(extra) { $1 }
        return try await onOwnThread { try ProcessRunner.run(command, environment: variables) }
    }
}
