import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor run` driven exactly like an Actions job: a labeled-issue payload from the corpus, the Actions
/// variables, the loopback git server (real git http-backend, which also holds the state branch) and the fake
/// forge, with the offline agent.
@Suite struct RunIntakeTests {
    @Test(arguments: ForgeDialect.allCases)
    func aLabeledIssueGetsAPullRequestOneStatusCommentMovedLabelsAndStateAndARerunChangesNothing(
        dialect: ForgeDialect
    ) async throws {
        try await RunWorld.with(dialect) { world in
            let first = try await world.conveyor(["run"])
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
            #expect(outputs.contains("stage") && outputs.contains("intake"))
            let summary = try String(contentsOf: world.scratch.appending("summary.md"), encoding: .utf8)
            #expect(summary.contains("### Conveyor") && summary.contains("gate pass"))

            let logs = try FileManager.default.contentsOfDirectory(atPath: world.scratch.path)
                .filter { $0.hasPrefix("conveyor-") && $0.hasSuffix(".jsonl") }
            #expect(logs.count == 1, "one JSON-lines log in RUNNER_TEMP: \(logs)")
            let lines = try String(contentsOf: world.scratch.appending(logs.first ?? "-"), encoding: .utf8)
                .split(separator: "\n")
            #expect(lines.count >= 5)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                for key in [
                    "trace_id", "work_item", "stage", "agent", "task", "step", "tool", "attempt", "result",
                    "latency_ms",
                ] {
                    #expect(object.keys.contains(key), "log line lacks \(key): \(line)")
                }
            }
            let branch = try #require(pulls.first?.head)
            let files = try GitCLI.run(["-C", world.bare.path, "ls-tree", "-r", "--name-only", branch])
            #expect(files.contains("docs/work-items/1/intake/brief.md"))
            #expect(files.contains("docs/_docset/issues/issue-1.yaml"))
            _ = try GitCLI.run(["-C", world.bare.path, "fsck", "--strict"])
            let tip = try GitCLI.run(["-C", world.bare.path, "rev-parse", branch])
            let runs = try await world.conveyor(["state", "runs", "--format", "json"])
            #expect(runs.stdout.contains("succeeded"), "\(runs.stdout) \(runs.stderr)")
            // The work item in state: its title and where it stands, as the labels say (`conveyor report` shows it).
            #expect(
                try RunSecretsTests.state(world, "SELECT title, current_stage, stage_state FROM work_items") == [
                    "Add a login page|intake|in-review"
                ])

            let second = try await world.conveyor(["run"])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("already finished"))
            #expect(await world.forge.comments(issue: 1).count == 1)
            #expect(await world.forge.pulls().count == 1)
            #expect(try GitCLI.run(["-C", world.bare.path, "rev-parse", branch]) == tip)
            #expect(!first.stdout.contains(world.forge.token) && !first.stderr.contains(world.forge.token))
        }
    }

    @Test func forgeFaultsDuringPublishAreRetriedAndLeaveExactlyOneOfEach() async throws {
        try await RunWorld.with { world in
            await world.forge.inject(.status(500), on: .createComment, times: 1)
            await world.forge.inject(.status(429, headers: ["Retry-After": "1"]), on: .addLabels, times: 1)
            await world.forge.inject(.dropConnection, on: .createPull, times: 1)
            let run = try await world.conveyor(["run"])
            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.forge.comments(issue: 1).count == 1)
            #expect(await world.forge.labels(issue: 1).contains("state:in-review"))
            #expect(await world.forge.requestCount(.createComment) == 2)
            let pulls = await world.forge.pulls()
            #expect(pulls.count == 1, "a dropped create is retried; the fake created nothing on the dropped request")
        }
    }
}
