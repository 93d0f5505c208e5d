import ConveyorTestSupport
import Foundation
import Testing

/// Issue 8's acceptance for pull-request doc audits: the built `conveyor run` on the corpus's GitHub and Gitea
/// `pull_request` payloads, against real git history on the loopback git server and the fake forge.
@Suite struct RunDocAuditTests {
    /// An unclosed flow sequence on line 4; the YAML parser reports it where it gives up, on line 5.
    static let brokenBrief = """
        ---
        doc_id: BRF-1
        type: brief
        status: [draft
        owner_role: pm
        ---
        # Brief
        """

    static let brief = """
        ---
        doc_id: BRF-1
        type: brief
        status: draft
        owner_role: pm
        stage: intake
        work_item: 1
        ---
        # Brief
        """

    @Test(arguments: ForgeDialect.allCases)
    func brokenFrontmatterFailsAndTheSynchronizeThatFixesItEditsTheSameComment(dialect: ForgeDialect) async throws {
        try await DocAuditWorld.with(dialect, main: ["docs/guide.md": "# Guide\n"]) { world in
            let broken = try world.push(
                ["docs/work-items/1/intake/brief.md": Self.brokenBrief], message: "Add a brief")
            await world.forge.seedPull(head: "feature", headSHA: broken, baseSHA: world.mainSHA)
            let first = try await world.run(try world.payload("opened", head: broken))
            #expect(first.status == 1, "stdout: \(first.stdout)\nstderr: \(first.stderr)")
            #expect(await world.auditStatus(broken)?.state == "failure")
            let comments = await world.forge.comments(issue: 1)
            #expect(comments.count == 1)
            let comment = try #require(comments.first)
            #expect(comment.body.contains("<!-- conveyor:doc-audit:1 -->"))
            #expect(comment.body.contains("docs/work-items/1/intake/brief.md:5"), "\(comment.body)")
            #expect(first.stdout.contains("file=docs/work-items/1/intake/brief.md,line=5"), "\(first.stdout)")
            #expect(
                FileManager.default.fileExists(atPath: world.agentMarker.path), "a same-repository PR gets the agent")
            let agentEnvironment = try String(contentsOf: world.agentMarker, encoding: .utf8)
            #expect(!agentEnvironment.contains(world.forge.token), "the forge token never reaches the auditor")

            let fixed = try world.push(["docs/work-items/1/intake/brief.md": Self.brief], message: "Fix the brief")
            await world.forge.setPullHead(1, sha: fixed)
            let second = try await world.run(try world.payload("synchronize", head: fixed))
            #expect(second.status == 0, "stdout: \(second.stdout)\nstderr: \(second.stderr)")
            #expect(await world.auditStatus(fixed)?.state == "success")
            let after = await world.forge.comments(issue: 1)
            #expect(after.count == 1, "one comment, edited in place")
            #expect(after.first?.id == comment.id)
            #expect(after.first?.body.contains(String(fixed.prefix(12))) == true)
            #expect(after.first?.body.contains("passed") == true)
            let runs = try await onOwnThread {
                try ProcessRunner.run(
                    [try BuiltBinary.url().path, "state", "runs", "--format", "json"], environment: world.variables)
            }
            #expect(
                runs.stdout.contains("doc-audit"), "the audits are recorded in state: \(runs.stdout) \(runs.stderr)")
            #expect(!first.stdout.contains(world.forge.token) && !second.stderr.contains(world.forge.token))
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func aHandEditedDocSetIsAFinding(dialect: ForgeDialect) async throws {
        let documents = ["docs/work-items/1/intake/brief.md": Self.brief]
        let generated = try DocAuditWorld.generated(documents, workItem: 1)
        try await DocAuditWorld.with(dialect, main: documents.merging(generated) { $1 }) { world in
            let docSet = "docs/_docset/issues/issue-1.yaml"
            let edited = try #require(generated[docSet]).replacingOccurrences(
                of: "status: draft", with: "status: approved")
            let head = try world.push([docSet: edited], message: "Approve by hand")
            await world.forge.seedPull(head: "feature", headSHA: head, baseSHA: world.mainSHA)
            let run = try await world.run(try world.payload("opened", head: head), ["CONVEYOR_DOC_AUDIT_AGENT": "off"])
            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.auditStatus(head)?.state == "failure")
            let body = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(body.contains(docSet) && body.contains("generated"), "\(body)")
            #expect(!FileManager.default.fileExists(atPath: world.agentMarker.path), "agent off: none ran")
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func anAuditOfAnOlderHeadNeverOverwritesTheResultForTheNewerHead(dialect: ForgeDialect) async throws {
        try await DocAuditWorld.with(dialect, main: [:]) { world in
            let older = try world.push(
                ["docs/work-items/1/intake/brief.md": Self.brokenBrief], message: "Add a brief")
            let newer = try world.push(["docs/work-items/1/intake/brief.md": Self.brief], message: "Fix it")
            await world.forge.seedPull(head: "feature", headSHA: newer, baseSHA: world.mainSHA)
            let current = try await world.run(try world.payload("synchronize", head: newer))
            #expect(current.status == 0, "stdout: \(current.stdout)\nstderr: \(current.stderr)")
            let published = try #require(await world.forge.comments(issue: 1).first)

            let late = try await world.run(try world.payload("opened", head: older))
            #expect(late.status == 0, "stdout: \(late.stdout)\nstderr: \(late.stderr)")
            #expect(late.stdout.contains("published nothing"), "\(late.stdout)")
            let comments = await world.forge.comments(issue: 1)
            #expect(comments.count == 1)
            #expect(comments.first?.body == published.body, "the newer head's comment stands")
            #expect(await world.forge.statuses(sha: older).isEmpty, "nothing posted for the older head")
            #expect(await world.auditStatus(newer)?.state == "success")
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func aForkPullRequestGetsTheDeterministicChecksOnly(dialect: ForgeDialect) async throws {
        try await DocAuditWorld.with(dialect, main: [".conveyor/config.yml": "version: 1\n"]) { world in
            // The fork's head carries a configuration that would stop the job if it were read, and a broken
            // document: the configuration comes from the base, the document is audited.
            let head = try world.push(
                [
                    ".conveyor/config.yml": "version: [2\n",
                    "docs/work-items/1/intake/brief.md": Self.brokenBrief,
                ], message: "A fork's change", fork: true)
            await world.forge.seedPull(
                head: "feature", headSHA: head, baseSHA: world.mainSHA, forkOwner: "forker", author: "forker")
            let run = try await world.run(
                try world.payload("opened", head: head, fork: true), ["CONVEYOR_DOC_AUDIT_AGENT": "on"])
            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: world.agentMarker.path), "no agent for a fork")
            #expect(await world.auditStatus(head)?.state == "failure")
            let body = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(body.contains("fork") && body.contains("No agent ran"), "\(body)")
            #expect(body.contains("docs/work-items/1/intake/brief.md:5"))
            let stateBranch = try GitCLI.attempt(["-C", world.bare.path, "rev-parse", "--verify", "conveyor/state"])
            #expect(!stateBranch.succeeded, "a fork's audit writes no state")
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func aForksReadOnlyTokenGetsTheFindingsInTheJobInsteadOfAComment(dialect: ForgeDialect) async throws {
        try await DocAuditWorld.with(dialect, main: [".conveyor/config.yml": "version: 1\n"]) { world in
            let head = try world.push(
                ["docs/work-items/1/intake/brief.md": Self.brokenBrief], message: "A fork's change", fork: true)
            await world.forge.seedPull(
                head: "feature", headSHA: head, baseSHA: world.mainSHA, forkOwner: "forker", author: "forker")
            // What GitHub answers a fork's `pull_request` job, whose token is read-only.
            let refusal = ForgeFault.status(403, body: #"{"message":"Resource not accessible by integration"}"#)
            for operation in [ForgeOperation.createComment, .createStatus] {
                await world.forge.inject(refusal, on: operation, dialect: dialect, times: 5)
            }
            let run = try await world.run(try world.payload("opened", head: head, fork: true))
            #expect(run.status == 1, "the failed audit fails the job: \(run.stdout)\n\(run.stderr)")
            #expect(run.stdout.contains("read-only"), "\(run.stdout)")
            #expect(
                run.stdout.contains("::error") && run.stdout.contains("docs/work-items/1/intake/brief.md"),
                "the findings are annotations in the job: \(run.stdout)")
            #expect(await world.forge.comments(issue: 1).isEmpty)
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func theDocAuditLabelOnAPullRequestAuditsItAndIsRemoved(dialect: ForgeDialect) async throws {
        try await DocAuditWorld.with(dialect, main: [:]) { world in
            let head = try world.push(["docs/work-items/1/intake/brief.md": Self.brief], message: "Add a brief")
            await world.forge.seedPull(head: "feature", headSHA: head, baseSHA: world.mainSHA)
            await world.forge.addLabel("run:doc-audit", toIssue: 1)
            for sender in ["Codertocat", "a_nice_user"] {
                await world.forge.setPermission(user: sender, level: .write)
            }
            let run = try await world.run(
                try world.labeledPayload("run:doc-audit", head: head), ["CONVEYOR_DOC_AUDIT_AGENT": "off"])
            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.auditStatus(head)?.state == "success")
            #expect(await world.forge.comments(issue: 1).count == 1)
            #expect(!(await world.forge.labels(issue: 1)).contains("run:doc-audit"), "the trigger label is removed")
        }
    }

    @Test func anAgentWithoutAKeyIsSkippedUnderAutoAndFailsTheAuditUnderOn() async throws {
        try await DocAuditWorld.with(.github, main: [:]) { world in
            let head = try world.push(["docs/work-items/1/intake/brief.md": Self.brief], message: "Add a brief")
            await world.forge.seedPull(head: "feature", headSHA: head, baseSHA: world.mainSHA)
            let claude = ["CONVEYOR_AGENT": "claude", "ANTHROPIC_API_KEY": "", "CONVEYOR_CLAUDE_BIN": "/bin/false"]
            let auto = try await world.run(try world.payload("opened", head: head), claude)
            #expect(auto.status == 0, "stdout: \(auto.stdout)\nstderr: \(auto.stderr)")
            let body = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(body.contains("not run") && body.contains("ANTHROPIC_API_KEY"), "\(body)")

            let required = try await world.run(
                try world.payload("synchronize", head: head),
                claude.merging(["CONVEYOR_DOC_AUDIT_AGENT": "on"]) { $1 })
            #expect(required.status == 1, "stdout: \(required.stdout)\nstderr: \(required.stderr)")
            #expect(await world.auditStatus(head)?.state == "failure")
            #expect(await world.forge.comments(issue: 1).count == 1)
        }
    }
}
