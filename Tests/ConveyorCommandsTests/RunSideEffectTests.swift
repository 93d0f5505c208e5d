import ConveyorTestSupport
import Foundation
import Testing

/// Side effects that must happen once per work item, or not at all: a stale event handled by a new job, a status
/// comment posted by a token that is not a built-in bot, a renamed issue, a failed gate, a write whose reply was
/// lost. Each job is the built binary against the fake forge and the real git http-backend.
@Suite struct RunSideEffectTests {
    /// The same `labeled` event reaching a second job (another `GITHUB_RUN_ID`) after the first handled it does
    /// nothing and says which run handled it; the owner adding the label again is a new event and runs.
    @Test(arguments: ForgeDialect.allCases)
    func theSameLabelEventInANewJobIsSkippedAsAlreadyHandled(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            await world.forge.addLabel("run:intake", toIssue: 1)
            let first = try await world.conveyor(["run"])
            #expect(first.status == 0, "stdout: \(first.stdout)\nstderr: \(first.stderr)")
            #expect(!(await world.forge.labels(issue: 1).contains("run:intake")))
            let branch = try #require(await world.forge.pulls().first?.head)
            let tip = try GitCLI.run(["-C", world.bare.path, "rev-parse", branch])
            try Data().write(to: world.outputFile)

            let redelivered = try await world.conveyor(["run"], ["GITHUB_RUN_ID": "5151"])
            #expect(redelivered.status == 0, "stdout: \(redelivered.stdout)\nstderr: \(redelivered.stderr)")
            #expect(redelivered.stdout.contains("Already handled by run 4242"), "\(redelivered.stdout)")
            let outputs = try String(contentsOf: world.outputFile, encoding: .utf8)
            #expect(outputs.contains("skipped"), "\(outputs)")
            let runs = try await world.conveyor(["state", "runs", "--format", "json"])
            #expect(!runs.stdout.contains("5151"), "no run record for the skipped job: \(runs.stdout)")
            #expect(await world.forge.comments(issue: 1).count == 1)
            #expect(await world.forge.pulls().count == 1)
            #expect(try GitCLI.run(["-C", world.bare.path, "rev-parse", branch]) == tip)

            await world.forge.addLabel("run:intake", toIssue: 1)
            let relabelled = try await world.conveyor(["run"], ["GITHUB_RUN_ID": "5252"])
            #expect(relabelled.status == 0, "stdout: \(relabelled.stdout)\nstderr: \(relabelled.stderr)")
            let after = try await world.conveyor(["state", "runs", "--format", "json"])
            #expect(after.stdout.contains("5252"), "the label added again runs the stage: \(after.stdout)")
        }
    }

    static let identities: [(dialect: ForgeDialect, identity: ForgeTokenIdentity)] = [
        (.github, .user("release-bot")), (.github, .app(slug: "conveyor-app")), (.gitea, .user("conveyor-bot")),
    ]

    /// A personal access token, a GitHub App installation token and a Gitea bot user's token each keep one status
    /// comment across runs, with no `CONVEYOR_SELF_LOGIN`.
    @Test(arguments: 0..<3)
    func oneStatusCommentWhateverTheTokensIdentity(index: Int) async throws {
        let (dialect, identity) = Self.identities[index]
        try await RunWorld.with(dialect) { world in
            await world.forge.setTokenIdentity(identity)
            await world.forge.seedComment(issue: 1, body: "quoting <!-- conveyor:status:1 -->", author: "mallory")
            for runID in ["6001", "6002", "6003"] {
                await world.forge.addLabel("run:intake", toIssue: 1)
                let run = try await world.conveyor(["run"], ["GITHUB_RUN_ID": runID])
                #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            }
            let comments = await world.forge.comments(issue: 1)
            #expect(comments.map(\.author) == ["mallory", identity.login], "\(comments.map(\.author))")
            #expect(comments.last?.body.contains("gate verdict `pass`") == true)
        }
    }

    /// A renamed issue keeps its work branch and its one pull request.
    @Test(arguments: ForgeDialect.allCases)
    func aRenamedIssueKeepsItsBranchAndItsOnePullRequest(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            let first = try await world.conveyor(["run"])
            #expect(first.status == 0, "stdout: \(first.stdout)\nstderr: \(first.stderr)")
            let branch = try #require(await world.forge.pulls().first?.head)

            await world.forge.retitle(issue: 1, to: "Sign in with passkeys instead")
            await world.forge.addLabel("run:intake", toIssue: 1)
            let second = try await world.conveyor(["run"], ["GITHUB_RUN_ID": "7001"])
            #expect(second.status == 0, "stdout: \(second.stdout)\nstderr: \(second.stderr)")
            #expect(await world.forge.pulls().map(\.head) == [branch])
            let branches = try GitCLI.run(["-C", world.bare.path, "branch", "--list", "conveyor/1-*"])
            #expect(branches.split(separator: "\n").count == 1, "\(branches)")
        }
    }

    /// A work branch pushed earlier without a pull request (the job died in between) is found by its number,
    /// not re-derived from the title the issue has now.
    @Test(arguments: ForgeDialect.allCases)
    func aPushedBranchWithoutAPullRequestIsReused(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            _ = try GitCLI.run(["-C", world.bare.path, "branch", "conveyor/1-the-old-title", "main"])
            let run = try await world.conveyor(["run"])
            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.forge.pulls().map(\.head) == ["conveyor/1-the-old-title"])
            let branches = try GitCLI.run(["-C", world.bare.path, "branch", "--list", "conveyor/1-*"])
            #expect(branches.split(separator: "\n").count == 1, "\(branches)")
        }
    }

    /// An agent that writes nothing fails the gate: nothing is pushed, no pull request is opened, and the comment
    /// links no file.
    @Test(arguments: ForgeDialect.allCases)
    func aFailedGatePushesNothingAndOpensNothing(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            let script = world.scratch.appending("agent.sh")
            try Data("true".utf8).write(to: script)
            let run = try await world.conveyor(
                ["run"], ["CONVEYOR_AGENT": "command", "CONVEYOR_AGENT_COMMAND": "sh \(script.path)"])
            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(try GitCLI.run(["-C", world.bare.path, "branch", "--list", "conveyor/1-*"]).isEmpty)
            #expect(await world.forge.pulls().isEmpty)
            let body = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(body.contains("gate verdict `fail`"), "\(body)")
            #expect(!body.contains("](http"), "no link to a file that was never published: \(body)")
            #expect(await world.forge.labels(issue: 1).contains("state:blocked"))
        }
    }

    /// The forge stores the comment and the pull request but the replies are lost: still one of each.
    @Test(arguments: ForgeDialect.allCases)
    func writesWhoseRepliesAreLostAreNotRepeated(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            await world.forge.inject(.afterWrite(.dropConnection), on: .createPull)
            await world.forge.inject(.afterWrite(.status(502)), on: .createComment)
            let run = try await world.conveyor(["run"])
            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.forge.pulls().count == 1)
            #expect(await world.forge.comments(issue: 1).count == 1)
        }
    }
}
