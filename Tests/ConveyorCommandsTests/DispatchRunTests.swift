import ConveyorTestSupport
import Foundation
import Testing

/// Manual reruns through `workflow_dispatch` (issue 8), as `conveyor run` sees them in a job on either forge: each
/// mode, each bad input (exit 65 naming the input), and a dispatcher without write access. Inputs are sent as text,
/// as Gitea's form sends them.
@Suite(.timeLimit(.minutes(6)))
struct DispatchRunTests {
    /// Runs `conveyor run` for a `workflow_dispatch` with `inputs`, sent by `sender` (the corpus payload's own
    /// sender when nil), as Actions run `runID`.
    private static func dispatch(
        _ world: RunWorld, _ dialect: ForgeDialect, _ inputs: [String: String], sender: String? = nil,
        runID: String = "4242"
    ) async throws -> ProcessOutput {
        let file =
            dialect == .github
            ? "github-events/workflow_dispatch.json" : "gitea-events/constructed.workflow_dispatch.json"
        let payload = try ActionsJob.payload(file) { object in
            object["inputs"] = inputs
            if let sender {
                var account = object["sender"] as? [String: Any] ?? [:]
                account["login"] = sender
                object["sender"] = account
            }
        }
        let path = world.scratch.appending("dispatch-\(UUID().uuidString.prefix(8)).json")
        try payload.write(to: path)
        return try await world.conveyor(
            ["run"], ["GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_EVENT_PATH": path.path, "GITHUB_RUN_ID": runID])
    }

    private static func said(_ output: ProcessOutput) -> String { output.stdout + output.stderr }

    /// The number of commits on the work item's branch in the remote repository.
    private static func commits(on branch: String, in world: RunWorld) async throws -> Int {
        Int(try await GitCLI.runDetached(["--git-dir", world.bare.path, "rev-list", "--count", branch])) ?? -1
    }

    @Test(arguments: ForgeDialect.allCases)
    func eachModeDoesWhatItSays(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            let early = try await Self.dispatch(world, dialect, ["issue": "1", "stage": "intake", "mode": "resume"])
            #expect(early.status == 0, "\(Self.said(early))")
            #expect(Self.said(early).contains("Nothing to resume"), "\(Self.said(early))")
            #expect(await world.forge.pulls().isEmpty)

            let run = try await Self.dispatch(world, dialect, ["issue": "1", "stage": "intake", "mode": "run"])
            #expect(run.status == 0, "\(Self.said(run))")
            #expect(await world.forge.pulls().count == 1)
            #expect(await world.forge.comments(issue: 1).count == 1)

            let rerun = try await Self.dispatch(
                world, dialect, ["issue": "1", "stage": "intake", "mode": "rerun"], runID: "4243")
            #expect(rerun.status == 0, "\(Self.said(rerun))")
            #expect(await world.forge.pulls().count == 1, "a rerun works on the same pull request")
            #expect(await world.forge.comments(issue: 1).count == 1, "and edits the same status comment")
            let runs = try await world.conveyor(["state", "runs", "--format", "json"])
            #expect(runs.stdout.contains("\"rerun\""), "\(runs.stdout)")

            let resume = try await Self.dispatch(
                world, dialect, ["issue": "1", "stage": "intake", "mode": "resume"], runID: "4244")
            #expect(resume.status == 0, "\(Self.said(resume))")
            #expect(Self.said(resume).contains("succeeded"), "nothing to resume after a success: \(Self.said(resume))")
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func resumeFinishesAFailedRunWithoutRepeatingWhatItDid(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            // The run pushes its work branch, then the forge refuses the pull request: the run fails.
            await world.forge.inject(
                .status(422, headers: ["Content-Type": "application/json"], body: #"{"message":"Validation Failed"}"#),
                on: .createPull)
            let failed = try await Self.dispatch(world, dialect, ["issue": "1", "stage": "intake"])
            #expect(failed.status != 0, "\(Self.said(failed))")
            #expect(await world.forge.pulls().isEmpty)
            let branch = try #require(
                try await GitCLI.runDetached(
                    ["--git-dir", world.bare.path, "for-each-ref", "--format=%(refname:short)", "refs/heads/conveyor/"]
                ).split(separator: "\n").first.map(String.init), "the failed run pushed its work branch")
            let pushed = try await Self.commits(on: branch, in: world)

            let resumed = try await Self.dispatch(
                world, dialect, ["issue": "1", "stage": "intake", "mode": "resume"], runID: "4250")
            #expect(resumed.status == 0, "\(Self.said(resumed))")
            #expect(await world.forge.pulls().map(\.head) == [branch])
            #expect(await world.forge.comments(issue: 1).count == 1)
            #expect(try await Self.commits(on: branch, in: world) == pushed, "the pushed work was not pushed again")
            let log = try String(
                contentsOf: world.scratch.appending("conveyor-4250-1-intake-1.jsonl"), encoding: .utf8)
            #expect(log.contains(#""result":"resumed""#), "the agent was not run again: \(log)")
            let runs = try await world.conveyor(["state", "runs"])
            #expect(runs.stdout.contains("resume"), "\(runs.stdout)")
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func everyBadInputIs65AndNamesTheInput(dialect: ForgeDialect) async throws {
        let cases: [([String: String], String)] = [
            (["stage": "intake"], "issue"), (["issue": "one", "stage": "intake"], "issue"),
            (["issue": "0", "stage": "intake"], "issue"), (["issue": "1"], "stage"),
            (["issue": "1", "stage": "deploy"], "stage"), (["issue": "1", "stage": "intake", "mode": "later"], "mode"),
            (["issue": "1", "stage": "intake", "agent": "gemini"], "agent"),
        ]
        try await RunWorld.with(dialect) { world in
            for (inputs, name) in cases {
                let output = try await Self.dispatch(world, dialect, inputs)
                #expect(output.status == 65, "\(inputs): \(Self.said(output))")
                #expect(output.stderr.contains("Input `\(name)`"), "\(inputs): \(output.stderr)")
            }
            #expect(await world.forge.pulls().isEmpty)
            #expect(await world.forge.comments(issue: 1).isEmpty)
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func aDispatcherWithoutWriteAccessStartsNothing(dialect: ForgeDialect) async throws {
        try await RunWorld.with(dialect) { world in
            await world.forge.setPermission(user: "outsider", level: .read)
            let output = try await Self.dispatch(
                world, dialect, ["issue": "1", "stage": "intake", "mode": "rerun", "agent": "offline"],
                sender: "outsider")
            #expect(output.status == 0, "\(Self.said(output))")
            #expect(Self.said(output).contains("outsider"), "\(Self.said(output))")
            #expect(await world.forge.pulls().isEmpty)
            #expect(await world.forge.comments(issue: 1).isEmpty)
            #expect(try String(contentsOf: world.outputFile, encoding: .utf8).contains("skipped"))
        }
    }
}
