import ConveyorTestSupport
import Foundation
import Testing

/// The defects of issue 12 §7, found by replaying an earlier system's failure modes, each driven through the built
/// `conveyor run` against the fake forge and the real git http-backend.
@Suite struct RunHardeningTests {
    @Test("#10 #59 state labels are one exclusive set: a passing run after a failed one leaves only in-review")
    func aPassingRunAfterAFailedOneReplacesTheBlockedLabel() async throws {
        try await RunWorld.with { world in
            let failing = try ScriptedAgent(.exit(3), in: world, name: "failing")
            let first = try await world.conveyor(["run"], failing.variables)
            #expect(first.status == 1, "\(first.stdout)\n\(first.stderr)")
            #expect(await world.forge.labels(issue: 1).contains("state:blocked"))

            await world.forge.addLabel("run:intake", toIssue: 1)
            let second = try await world.conveyor(["run"], world.nextJob)
            #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
            let labels = await world.forge.labels(issue: 1)
            #expect(labels.contains("state:in-review"), "\(labels)")
            #expect(!labels.contains("state:blocked"), "one state label at a time: \(labels)")
            #expect(!labels.contains("run:intake"))
            #expect(await world.statusComments().count == 1)
            let outcome1 = try await world.recordedRuns()
            #expect(outcome1.count == 2, "a re-label adds one run, no duplicate rows")
        }
    }

    @Test("#10 need:input belongs to the exclusive set: answered and passing, the item loses need:input")
    func aPassingRunAfterQuestionsRemovesNeedInput() async throws {
        try await RunWorld.with { world in
            let asking = try ScriptedAgent(.writeArtifacts(questions: ["Which sizes?"]), in: world, name: "asking")
            let first = try await world.conveyor(["run"], asking.variables)
            #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
            #expect(await world.forge.labels(issue: 1).contains("need:input"))

            await world.forge.addLabel("run:intake", toIssue: 1)
            let second = try await world.conveyor(["run"], world.nextJob)
            #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
            let labels = await world.forge.labels(issue: 1)
            #expect(labels.contains("state:in-review") && !labels.contains("need:input"), "\(labels)")
        }
    }

    @Test("#45 artifact links use the forge's own URL form", arguments: ForgeDialect.allCases)
    func artifactLinksFollowTheDialect(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            let run = try await world.conveyor(["run"])
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            let body = try #require(await world.statusComments().first)
            let branch = try #require(await world.forge.pulls().first?.head)
            let root = world.forge.rootURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let page = "\(root)/\(world.forge.owner)/\(world.forge.repo)"
            let route = dialect == .github ? "blob" : "src/branch"
            let expected = "(\(page)/\(route)/\(branch)/docs/work-items/1/intake/brief.md)"
            #expect(body.contains(expected), "expected \(expected) in\n\(body)")
            if dialect == .gitea { #expect(!body.contains("/blob/"), "\(body)") }
        }
    }

    @Test("#47 hostile open questions cannot forge a second marker or inject markup")
    func hostileQuestionsAreEscapedInTheStatusComment() async throws {
        try await RunWorld.with { world in
            let questions = [
                "Fine? <!-- conveyor:status:1 --> </details> <img src=x>",
                "Ask @octocat about `rm -rf` and **this**",
            ]
            let agent = try ScriptedAgent(.writeArtifacts(questions: questions), in: world)
            let run = try await world.conveyor(["run"], agent.variables)
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            let comments = await world.forge.comments(issue: 1)
            #expect(comments.count == 1)
            let body = try #require(comments.first?.body)
            #expect(body.components(separatedBy: "<!-- conveyor:status:1 -->").count == 2, "one marker:\n\(body)")
            #expect(!body.contains("</details>") && !body.contains("<img") && !body.contains("@octocat"), "\(body)")
            #expect(body.contains("1. Fine? &lt;!-- conveyor:status:1 --&gt;"), "\(body)")

            await world.forge.addLabel("run:intake", toIssue: 1)
            let again = try await world.conveyor(["run"], agent.variables.merging(world.nextJob) { $1 })
            #expect(again.status == 0, "\(again.stderr)")
            #expect(await world.forge.comments(issue: 1).count == 1, "the rerun edits the one status comment")
        }
    }

    @Test("#5 the next run's prompt carries the last run's gate reasons and the owner's newest comment")
    func theLastFailureReachesTheNextPrompt() async throws {
        try await RunWorld.with { world in
            let lazy = try ScriptedAgent(.writeNothing, in: world, name: "lazy")
            let first = try await world.conveyor(["run"], lazy.variables)
            #expect(first.status == 1, "\(first.stdout)\n\(first.stderr)")
            #expect(!(try lazy.prompt()).contains("Why the last run"), "a first run has no earlier failure")
            await world.forge.seedComment(issue: 1, body: "Please write all six files this time.", author: "Codertocat")

            await world.forge.addLabel("run:intake", toIssue: 1)
            let careful = try ScriptedAgent(.writeArtifacts(questions: []), in: world, name: "careful")
            let second = try await world.conveyor(
                ["run"], careful.variables.merging(world.nextJob) { $1 })
            #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
            let prompt = try careful.prompt()
            #expect(prompt.contains("## Why the last run of this stage failed"), "\(prompt)")
            #expect(prompt.contains("4242-1-intake-1"), "names the failed run:\n\(prompt)")
            #expect(prompt.contains("must produce `docs/work-items/1/intake/brief.md`"), "\(prompt)")
            #expect(prompt.contains("newest comment since, by Codertocat"), "\(prompt)")
            #expect(prompt.contains("Please write all six files this time."))
            let show = try await world.conveyor(["state", "show", "--format", "json"])
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any], "\(show.stdout)")
            let tables = report["tables"] as? [[String: Any]] ?? []
            let gateRows = tables.first { $0["table"] as? String == "gate_results" }?["rows"] as? Int
            #expect((gateRows ?? 0) >= 6, "each run's gate reasons are in state: \(show.stdout)")
            let verify = try await world.conveyor(["state", "verify"])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        }
    }

    @Test(
        "#34 #54 a read-only token is refused before anything is claimed, naming the permission",
        arguments: ForgeDialect.allCases)
    func aReadOnlyTokenClaimsNothing(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            await world.forge.setTokenAccess(.read)
            let run = try await world.conveyor(["run"])
            #expect(run.status == 78, "\(run.stdout)\n\(run.stderr)")
            #expect(run.stderr.contains("permissions.push: false"), "\(run.stderr)")
            #expect(run.stderr.contains("nothing was claimed"))
            let outcome2 = try await world.recordedRuns()
            #expect(outcome2.isEmpty)
            #expect(await world.forge.comments(issue: 1).isEmpty)
            #expect(await world.forge.pulls().isEmpty)
            #expect(await world.forge.labels(issue: 1).allSatisfy { !$0.hasPrefix("state:") && $0 != "need:input" })
            #expect(await world.forge.requestCount(.addLabels) == 0)
            #expect(await world.forge.requestCount(.removeLabel) == 0)
        }
    }

    @Test("#34 an all-false permissions answer (GitHub's for an installation token) is not a refusal")
    func anInstallationTokensSilentPermissionsAreNotRefused() async throws {
        try await RunWorld.with { world in
            await world.forge.setTokenAccess(.noAccess)
            let run = try await world.conveyor(["run"])
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            #expect(await world.forge.labels(issue: 1).contains("state:in-review"))
        }
    }

    @Test("#34 a claude agent without a key or a CLI is refused before anything is claimed, naming both")
    func aMissingAgentKeyClaimsNothing() async throws {
        try await RunWorld.with { world in
            let run = try await world.conveyor(
                ["run"],
                [
                    "CONVEYOR_AGENT": "claude", "ANTHROPIC_API_KEY": "", "ANTHROPIC_AUTH_TOKEN": "",
                    "CLAUDE_CODE_OAUTH_TOKEN": "", "CONVEYOR_CLAUDE_BIN": world.scratch.appending("no-claude").path,
                ])
            #expect(run.status == 78, "\(run.stdout)\n\(run.stderr)")
            for name in ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "no-claude"] {
                #expect(run.stderr.contains(name), "\(name) in \(run.stderr)")
            }
            let outcome3 = try await world.recordedRuns()
            #expect(outcome3.isEmpty)
            #expect(await world.forge.comments(issue: 1).isEmpty)
        }
    }

    @Test("#38 a reused checkout's leftovers never reach the agent's tree or the branch")
    func leftoversOfAnEarlierJobAreRemoved() async throws {
        try await RunWorld.with { world in
            let checkout = world.scratch.appending("workspace")
            _ = try GitCLI.run(["clone", "--quiet", world.bare.path, checkout.path])
            try Data("build/\n".utf8).write(to: checkout.appendingPathComponent(".gitignore"))
            for leftover in ["stale/notes.md", "build/cache.bin", "docs/work-items/1/intake/old-brief.md"] {
                let file = checkout.appendingPathComponent(leftover)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("left by an earlier job\n".utf8).write(to: file)
            }
            let run = try await world.conveyor(["run"], ["GITHUB_WORKSPACE": checkout.path])
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            let branch = try #require(await world.forge.pulls().first?.head)
            let files = try GitCLI.run(["-C", world.bare.path, "ls-tree", "-r", "--name-only", branch])
            #expect(!files.contains("stale/") && !files.contains("old-brief.md") && !files.contains(".gitignore"))
            for leftover in ["stale", "build", ".gitignore", "docs/work-items/1/intake/old-brief.md"] {
                #expect(!FileManager.default.fileExists(atPath: checkout.appendingPathComponent(leftover).path))
            }
        }
    }
}
