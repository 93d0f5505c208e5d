import ConveyorTestSupport
import Foundation
import Testing

/// `dev.ci.mode: pending` end to end through the binary: the dev run pushes and ends waiting for CI with no outcome
/// label; `conveyor tick` reads red CI for that head and dispatches dev again; the dispatched run goes on at attempt
/// 2 with the failing check as its feedback and ends waiting again; the next tick reads green for the new head and
/// moves the item to review. The status comment's stage line says "waiting for CI" with the head while it waits,
/// each attempt's row in `attempts` ends as tick judged it, and `conveyor report` counts the judgement as the judged
/// run's outcome.
@Suite(.serialized, .timeLimit(.minutes(6))) struct RunDevPendingCITests {
    /// `conveyor run` for the `workflow_dispatch` tick sent (issue 1, dev, run), as Actions run 5151 (the first run was
    /// the job's own, 4242).
    private static func dispatched(_ world: RunWorld, inputs: [String: String], extra: [String: String]) async throws
        -> ProcessOutput
    {
        let payload = try ActionsJob.payload("github-events/workflow_dispatch.json") { object in
            object["inputs"] = inputs
        }
        let path = world.scratch.appending("dispatch.json")
        try payload.write(to: path)
        return try await world.conveyor(
            ["run"],
            extra.merging([
                "GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_EVENT_PATH": path.path, "GITHUB_RUN_ID": "5151",
            ]) { $1 })
    }

    /// The status comment's stage line (`● intake → … → ◔ **dev** (waiting for CI on …) → ○ doc-audit …`).
    private static func stageLine(_ world: RunWorld) async -> String {
        let body = await world.forge.comments(issue: 1).first?.body ?? ""
        return body.components(separatedBy: "\n").first { $0.contains(" → ") } ?? body
    }

    @Test func redCIReadByTickSendsDevBackToItsFixLoopAndGreenMovesItToReview() async throws {
        let seed = RunDevStageTests.project.merging([
            ".conveyor/config.yml": RunDevStageTests.configuration(ci: "{mode: pending, timeout_seconds: 3600}")
        ]) { $1 }
        try await RunWorld.with(seed: seed, label: "run:dev") { world in
            let (script, prompts) = try RunDevStageTests.agentFixing(
                on: "test_multiply is slow", with: "# faster", in: world, named: "pending-agent.sh")
            let variables = try RunDevStageTests.checkout(world).merging([
                "CONVEYOR_AGENT": "command", "CONVEYOR_AGENT_COMMAND": "sh \(script.path)",
            ]) { $1 }

            // The dev run: commands pass, the branch is pushed, CI is left to tick.
            let first = try await world.conveyor(["run"], variables)
            #expect(first.status == 0, "stdout: \(first.stdout)\nstderr: \(first.stderr)")
            let head = try #require(try await RunDevStageTests.pushedHead(world))
            // The fake forge does not see the git server: it learns the pull request's head as a push tells GitHub.
            let pull = try #require(await world.forge.pulls().first?.number)
            await world.forge.setPullHead(pull, sha: head)
            #expect(!(await world.forge.labels(issue: 1)).contains("state:in-review"))
            #expect(
                await world.forge.statuses(sha: head).filter { $0.context == "conveyor/dev" }.map(\.state) == [
                    "pending"
                ])
            let waiting = await Self.stageLine(world)
            #expect(waiting.contains("◔ **dev** (waiting for CI on `\(head.prefix(12))`)"), "\(waiting)")
            #expect(!waiting.contains("◐"), "\(waiting)")
            // State says the same, with the issue's title: what `conveyor report` shows for the item.
            let item = "SELECT title, current_stage, stage_state FROM work_items"
            #expect(try RunSecretsTests.state(world, item) == ["Add a login page|dev|waiting-for-ci"])

            // Red for that head: tick dispatches dev again, once.
            await world.forge.reportStatus(
                sha: head, state: "failure", context: "ci/perf", description: "test_multiply is slow")
            let tick = try await world.conveyor(["tick"], variables)
            #expect(tick.status == 0, "stdout: \(tick.stdout)\nstderr: \(tick.stderr)")
            #expect(tick.stdout.contains("dispatching conveyor.yml for dev (attempt 2 of 3)"), "\(tick.stdout)")
            let dispatches = await world.forge.dispatches()
            #expect(dispatches.map(\.inputs) == [["issue": "1", "stage": "dev", "mode": "run"]])
            let again = try await world.conveyor(["tick"], variables)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(await world.forge.dispatches().count == 1)
            let red = await Self.stageLine(world)
            #expect(red.contains("✗ **dev** →") && !red.contains("waiting for CI"), "\(red)")

            // The dispatched run: attempt 2, with the failing check as its feedback.
            let second = try await Self.dispatched(
                world, inputs: try #require(dispatches.first?.inputs), extra: variables)
            #expect(second.status == 0, "stdout: \(second.stdout)\nstderr: \(second.stderr)")
            let secondPrompt = prompts.appendingPathComponent("prompt-1.txt")
            try #require(
                FileManager.default.fileExists(atPath: secondPrompt.path),
                "the dispatched run ran no agent: \(second.stdout)\n\(second.stderr)")
            let prompt = try String(contentsOf: secondPrompt, encoding: .utf8)
            #expect(prompt.contains("## Attempt 2: fix this failure"), "\(prompt)")
            #expect(prompt.contains("ci/perf: failure — test_multiply is slow"), "\(prompt)")
            let newHead = try #require(try await RunDevStageTests.pushedHead(world))
            #expect(newHead != head)
            await world.forge.setPullHead(pull, sha: newHead)
            let waitingAgain = await Self.stageLine(world)
            #expect(waitingAgain.contains("◔ **dev** (waiting for CI on `\(newHead.prefix(12))`)"), "\(waitingAgain)")

            // Green for the new head: tick moves the item to review.
            await world.forge.reportStatus(sha: newHead, state: "success", context: "ci/perf")
            let green = try await world.conveyor(["tick"], variables)
            #expect(
                green.stdout.contains("#1: CI green on `\(newHead.prefix(12))`"), "\(green.stdout)\n\(green.stderr)")
            #expect((await world.forge.labels(issue: 1)).contains("state:in-review"))
            #expect(
                await world.forge.statuses(sha: newHead).filter { $0.context == "conveyor/dev" }.map(\.state).last
                    == "success")
            let comment = await world.forge.comments(issue: 1).first?.body ?? ""
            #expect(comment.contains("CI: green on"), "\(comment)")
            let inReview = await Self.stageLine(world)
            #expect(inReview.contains("◐ **dev** →") && !inReview.contains("waiting for CI"), "\(inReview)")
            #expect(try RunSecretsTests.state(world, item) == ["Add a login page|dev|in-review"])

            // No attempt stays `ci_pending`: the first run's ended `ci_failed`, the dispatched run's (attempt 2)
            // `passed`, and tick's record of the red judgement has its one attempt ended the same way.
            let rows = try RunSecretsTests.state(
                world,
                "SELECT substr(attempt_id, instr(attempt_id, '#')), status, coalesce(failure_class, '-'), "
                    + "ended_at IS NOT NULL, run_id LIKE '%-ci' FROM attempts")
            #expect(
                rows.sorted() == ["#1|ci_failed|product|1|0", "#1|ci_failed|product|1|1", "#2|passed|-|1|0"],
                "\(rows)")

            // `conveyor report` counts tick's red judgement as the first run's outcome, not as a third run.
            let report = try await world.conveyor(["report", "--format", "json"])
            #expect(report.status == 0, "\(report.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any], "\(report.stdout)")
            #expect(object["run_count"] as? Int == 2, "\(report.stdout)")
            let items = object["items"] as? [[String: Any]]
            let dev = (items?.first?["stages"] as? [[String: Any]])?.first
            #expect(dev?["runs"] as? Int == 2, "\(report.stdout)")
            #expect(dev?["verdicts"] as? [String] == ["fail", "pass"], "\(report.stdout)")
            #expect((object["summary"] as? [String: Any])?["success_rate"] as? Double == 0.5, "\(report.stdout)")
            // So does `conveyor state metrics`: two finished dev runs, the first failed on CI.
            let metrics = try await world.conveyor(["state", "metrics", "--format", "json"])
            #expect(metrics.status == 0, "\(metrics.stderr)")
            let stages = try JSONSerialization.jsonObject(with: Data(metrics.stdout.utf8)) as? [[String: Any]] ?? []
            let devHealth = stages.first { $0["stage"] as? String == "dev" }
            #expect(devHealth?["finishedRuns"] as? Int == 2, "\(metrics.stdout)")
            #expect(devHealth?["succeededRuns"] as? Int == 1, "\(metrics.stdout)")
        }
    }
}
