import ConveyorTestSupport
import Foundation
import Testing

/// The self-healing supervisor end to end (issue 9, ADR 0017): the built `conveyor run` against the loopback git
/// server and the fake forge, with `remediation` in the repository's `.conveyor/config.yml` and `command` agents that
/// misbehave as scripted.
@Suite(.serialized) struct RunSupervisorTests {
    /// `remediation` in `on` mode without waits, plus `extra` YAML (e.g. an intake gate command).
    static func configuration(maxAutoReruns: Int = 2, extra: String = "") -> String {
        """
        version: 1
        remediation:
          mode: on
          backoff_seconds: 0
          max_auto_reruns: \(maxAutoReruns)
          flaky_reruns: 2
        \(extra)
        """
    }

    @Test func a502StormIsClassifiedInfraRetriedAndTheRunSucceeds() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration()]) { world in
            let agent = try ScriptedAgent(.writeArtifacts(questions: []), in: world)
            // Four 502s exhaust the HTTP client's retries of one call; the supervisor's retry then finds the forge back.
            await world.forge.inject(.status(502), on: .listComments, times: 4)
            let run = try await world.conveyor(["run"], agent.variables.merging(try world.checkout()) { $1 })

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.forge.requestCount(.listComments) >= 5)
            let rows = try world.failures()
            #expect(rows.first?.hasPrefix("infra|backoff_retry|live|recovered|") == true, "\(rows)")
            #expect(rows.first?.contains("http_status=502") == true, "\(rows)")
            let comment = try #require(await world.statusComments().first)
            #expect(comment.contains("**Self-healing** (on mode)"))
            #expect(comment.contains("Backoff retry") && comment.contains("Attempt 2 succeeded."))
            #expect(await world.forge.labels(issue: 1).contains("state:in-review"))
            let metrics = try await world.stageMetrics()
            #expect(metrics["successRate"] as? Double == 1 && metrics["rerunUplift"] as? Double == 1, "\(metrics)")
            #expect(metrics["rescuedRuns"] as? Int == 1 && metrics["meanSecondsToRepair"] is Double, "\(metrics)")
        }
    }

    @Test func aFlakyGateCommandIsRerunAloneAndTheGatePasses() async throws {
        try await RunWorld.with { world in
            let counter = world.scratch.appending("gate-runs")
            let script = world.scratch.appending("flaky.sh")
            try Data(
                """
                n=$(cat '\(counter.path)' 2>/dev/null || echo 0); n=$((n + 1)); echo $n > '\(counter.path)'
                [ "$n" -ge 2 ]

                """.utf8
            ).write(to: script)
            let config = Self.configuration(
                extra: """
                    stages:
                      intake:
                        gate: {kind: command, command: [sh, \(script.path)]}
                    """)
            try world.seedConfiguration(config)
            let agent = try ScriptedAgent(.writeArtifacts(questions: []), in: world)
            let run = try await world.conveyor(["run"], agent.variables.merging(try world.checkout()) { $1 })

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(
                try String(contentsOf: counter, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == "2")
            // The agent ran once: only the command was rerun.
            #expect(try world.state("SELECT count(*) FROM agent_sessions") == ["1"])
            let rows = try world.failures()
            #expect(rows.count == 1 && rows[0].hasPrefix("flaky|rerun_command|live|recovered|"), "\(rows)")
            #expect(
                try world.state(
                    "SELECT value FROM failures, json_each(signals_json) WHERE json_extract(value, '$.kind') = 'history'"
                ).first?.contains("passed_on_rerun_1") == true)
        }
    }

    @Test func anAgentTimeoutIsClassifiedAutomationAndResumedOnceVerbose() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration()]) { world in
            let seen = world.scratch.appending("verbose-seen")
            let artifacts = try ScriptedAgent(.writeArtifacts(questions: []), in: world, name: "writer")
            let script = world.scratch.appending("slow-agent.sh")
            try Data(
                """
                echo "verbose=${CONVEYOR_AGENT_VERBOSE:-0}" >> '\(seen.path)'
                if [ "${CONVEYOR_AGENT_VERBOSE:-0}" != 1 ]; then sleep 30; fi
                sh '\(artifacts.script.path)' "$1"

                """.utf8
            ).write(to: script)
            var variables = try world.checkout()
            variables["CONVEYOR_AGENT"] = "command"
            variables["CONVEYOR_AGENT_COMMAND"] = "sh \(script.path) {prompt_file}"
            variables["CONVEYOR_AGENT_TIMEOUT_SECONDS"] = "2"
            let run = try await world.conveyor(["run"], variables)

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(try String(contentsOf: seen, encoding: .utf8) == "verbose=0\nverbose=1\n")
            let rows = try world.failures()
            #expect(rows.count == 1 && rows[0].hasPrefix("automation|verbose_resume|live|recovered|"), "\(rows)")
            #expect(rows.first?.contains("agent_status=timed_out") == true, "\(rows)")
        }
    }

    @Test func theSameSignatureTwiceEscalatesWithAnIncidentReport() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration()]) { world in
            let agent = try ScriptedAgent(.writeNothing, in: world)
            let run = try await world.conveyor(["run"], agent.variables.merging(try world.checkout()) { $1 })

            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            // Revised once with the gate's reasons, then the same failure stopped it.
            let rows = try world.failures()
            #expect(rows.count == 2, "\(rows)")
            #expect(rows.first?.hasPrefix("product|revise|live|failed_again|") == true, "\(rows)")
            #expect(rows.last?.hasPrefix("product|escalate|live|escalated|") == true, "\(rows)")
            let prompt = try agent.prompt()
            #expect(prompt.contains("but it does not exist"), "the revise prompt carries the gate's reasons: \(prompt)")
            let labels = await world.forge.labels(issue: 1)
            #expect(labels.contains("state:blocked") && labels.contains("need:pm"), "\(labels)")
            let comment = try #require(await world.statusComments().first)
            #expect(comment.contains("_Escalation_") && comment.contains("same failure signature"))
            let paths = try world.state("SELECT path FROM incident_reports")
            let path = try #require(paths.first)
            #expect(path.hasPrefix("incidents/1/") && comment.contains(path))
            let report = try GitCLI.run(["-C", world.bare.path, "show", "conveyor/state:\(path)"])
            #expect(report.hasPrefix("---\ntype: incident\nrun_id: "))
            #expect(report.contains("\nclass: product\n") && report.contains("\nneed: pm\n"))
            #expect(report.contains("action: revise") && report.contains("hypotheses:"))
            #expect(report.contains("{kind: gate_reason, value: 'missingArtifact'}"))
        }
    }

    @Test func shadowModeChangesNothingButRecordsTheProposal() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration()]) { world in
            let agent = try ScriptedAgent(.writeNothing, in: world)
            // The kill switch wins over `mode: on` in the configuration, through CONVEYOR_VARS as `toJSON(vars)` sets it.
            var variables = agent.variables.merging(try world.checkout()) { $1 }
            variables["CONVEYOR_VARS"] = #"{"conveyor_remediation": "shadow"}"#
            let run = try await world.conveyor(["run"], variables)

            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(try world.state("SELECT count(*) FROM agent_sessions") == ["1"])
            let rows = try world.failures()
            #expect(rows.count == 1 && rows[0].hasPrefix("product|revise|shadow|proposed|"), "\(rows)")
            #expect(try world.state("SELECT count(*) FROM incident_reports") == ["0"])
            let labels = await world.forge.labels(issue: 1)
            #expect(labels.contains("state:blocked") && !labels.contains { $0.hasPrefix("need:") }, "\(labels)")
            let comment = try #require(await world.statusComments().first)
            #expect(!comment.contains("Self-healing"))
        }
    }

    /// Job 1: the forge stays down through a retry, so the supervisor re-dispatches the stage. Returns the dispatch the
    /// fake forge recorded.
    static func outageThatRedispatches(_ world: RunWorld) async throws -> ForgeDispatch {
        let writer = try ScriptedAgent(.writeArtifacts(questions: []), in: world, name: "writer")
        await world.forge.inject(.status(502), on: .listComments, times: 8)
        let first = try await world.conveyor(["run"], writer.variables.merging(try world.checkout()) { $1 })
        #expect(first.status == 75, "stdout: \(first.stdout)\nstderr: \(first.stderr)")
        #expect(
            try world.failures().map { $0.split(separator: "|").prefix(4).joined(separator: "|") } == [
                "infra|backoff_retry|live|failed_again", "infra|redispatch|live|dispatched",
            ])
        // Recorded in state before the dispatch, keyed by the Actions run, so a re-run of job 1 cannot dispatch again.
        #expect(
            try world.state("SELECT idempotency_key FROM flow_events WHERE event_type = 'stage.dispatched'") == [
                "redispatch:\(world.forge.owner)/\(world.forge.repo)#1:intake:4242"
            ])
        let dispatches = await world.forge.dispatches()
        #expect(dispatches.count == 1)
        let dispatch = try #require(dispatches.first)
        #expect(dispatch.workflowID == "conveyor.yml" && dispatch.ref == "main")
        #expect(dispatch.inputs == ["issue": "1", "stage": "intake", "mode": "resume"])
        let comment = try #require(await world.statusComments().first)
        #expect(comment.contains("Re-dispatched the stage in a new job"), "\(comment)")
        return dispatch
    }

    @Test(arguments: ForgeDialect.allCases)
    func limitsHoldAcrossTwoDispatchedJobs(dialect: ForgeDialect) async throws {
        let seed = [".conveyor/config.yml": Self.configuration(maxAutoReruns: 2)]
        try await RunWorld.with(dialect, seed: seed) { world in
            let dispatch = try await Self.outageThatRedispatches(world)

            // Job 2 is the job the wrapper workflow runs for that dispatch, from exactly its inputs: its first failure
            // finds both reruns of the episode spent (job 1's retry and its re-dispatch).
            let idle = try ScriptedAgent(.writeNothing, in: world, name: "idle")
            let second = try await world.replay(dispatch, dialect, idle.variables.merging(try world.checkout()) { $1 })
            #expect(second.status == 1, "stdout: \(second.stdout)\nstderr: \(second.stderr)")
            let rows = try world.failures()
            #expect(rows.count == 3, "\(rows)")
            #expect(rows.last?.hasPrefix("product|escalate|live|escalated|") == true, "\(rows)")
            #expect(rows.last?.contains("max_auto_reruns") == true, "\(rows)")
            #expect(try world.state("SELECT mode FROM runs ORDER BY started_at") == ["run", "resume"])
            // Job 1 stopped before its agent; job 2's agent ran once: no revise, and no third job.
            #expect(try world.state("SELECT count(*) FROM agent_sessions") == ["1"])
            #expect(await world.forge.dispatches().count == 1)
            #expect(await world.forge.labels(issue: 1).contains("need:pm"))
            let path = try #require(try world.state("SELECT path FROM incident_reports").first)
            let report = try GitCLI.run(["-C", world.bare.path, "show", "conveyor/state:\(path)"])
            #expect(report.contains("\nforge_run_id: '4243'\nforge_run_attempt: 1\n"), "\(report)")
            #expect(report.contains("attempt_ids: ['4243-1-intake-1#1']"), "\(report)")
            // Every attempt of both jobs has its row with how it ended.
            #expect(
                try world.state("SELECT status, coalesce(failure_class, '') FROM attempts ORDER BY attempt_id") == [
                    "failed|infra", "failed|infra", "gate_failed|product",
                ])
            let metrics = try await world.stageMetrics()
            #expect(metrics["failures"] as? Int == 3 && metrics["escalations"] as? Int == 1, "\(metrics)")
            #expect(metrics["finishedRuns"] as? Int == 2 && metrics["successRate"] as? Double == 0, "\(metrics)")
        }
    }

    @Test(arguments: ForgeDialect.allCases)
    func theSameOutageInTheDispatchedJobEscalatesInsteadOfDispatchingAgain(dialect: ForgeDialect) async throws {
        let seed = [".conveyor/config.yml": Self.configuration(maxAutoReruns: 5)]
        try await RunWorld.with(dialect, seed: seed) { world in
            let dispatch = try await Self.outageThatRedispatches(world)

            await world.forge.inject(.status(502), on: .listComments, times: 4)
            let writer = try ScriptedAgent(.writeArtifacts(questions: []), in: world, name: "writer-2")
            let second = try await world.replay(
                dispatch, dialect, writer.variables.merging(try world.checkout()) { $1 })
            #expect(second.status == 75, "stdout: \(second.stdout)\nstderr: \(second.stderr)")
            let rows = try world.failures()
            #expect(rows.count == 3 && rows.last?.hasPrefix("infra|escalate|live|escalated|") == true, "\(rows)")
            #expect(rows.last?.contains("same failure signature") == true, "\(rows)")
            #expect(await world.forge.dispatches().count == 1, "the episode re-dispatches once")
            let labels = await world.forge.labels(issue: 1)
            #expect(labels.contains("state:blocked") && labels.contains("need:sre"), "\(labels)")
            #expect(try world.state("SELECT count(*) FROM incident_reports") == ["1"])
        }
    }

    /// Outside the wrapper's concurrency group (or on a fast runner) the dispatched job can start while the job
    /// that dispatched it is still recording its end, its run still holding the stage's lease: the new job waits
    /// for that lease instead of ending as a duplicate.
    @Test(arguments: ForgeDialect.allCases)
    func aDispatchedJobThatStartsBeforeItsDispatcherEndedWaitsForTheLease(dialect: ForgeDialect) async throws {
        let seed = [".conveyor/config.yml": Self.configuration(maxAutoReruns: 2)]
        try await RunWorld.with(dialect, seed: seed) { world in
            let repository = "\(world.forge.owner)/\(world.forge.repo)"
            let hold = world.scratch.appending("held-push")
            world.git.pushHolds.hold(repository, marker: hold)
            let writer = try ScriptedAgent(.writeArtifacts(questions: []), in: world, name: "writer")
            await world.forge.inject(.status(502), on: .listComments, times: 8)
            let firstVariables = writer.variables.merging(try world.checkout()) { $1 }
            let first = Task { try await world.conveyor(["run"], firstVariables) }
            // Every push before job 1's dispatch goes through; the first one after it (job 1's final record) waits.
            let deadline = ContinuousClock.now + .seconds(90)
            while ContinuousClock.now < deadline {
                if FileManager.default.fileExists(atPath: hold.path) {
                    if await !world.forge.dispatches().isEmpty { break }
                    try? FileManager.default.removeItem(at: hold)
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            let dispatch = try #require(await world.forge.dispatches().first)
            #expect(FileManager.default.fileExists(atPath: hold.path), "job 1's final record is held")

            let log = world.scratch.appending("job-2.jsonl")
            let second = try ScriptedAgent(.writeArtifacts(questions: []), in: world, name: "writer-2")
            let secondVariables = second.variables.merging(try world.checkout()) { $1 }.merging([
                "CONVEYOR_LOG_FILE": log.path
            ]) { $1 }
            let job2 = Task { try await world.replay(dispatch, dialect, secondVariables) }
            while ContinuousClock.now < deadline,
                !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("which re-dispatched this job")
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            // Job 1 records its end (freeing the lease); job 2 then claims the stage and finishes it.
            world.git.pushHolds.release(repository)
            try FileManager.default.removeItem(at: hold)
            let ended = try await first.value
            #expect(ended.status == 75, "stdout: \(ended.stdout)\nstderr: \(ended.stderr)")
            let resumed = try await job2.value
            #expect(resumed.status == 0, "stdout: \(resumed.stdout)\nstderr: \(resumed.stderr)")
            #expect(resumed.stdout.contains("which re-dispatched this job, to end"), "\(resumed.stdout)")
            #expect(resumed.stdout.contains("ended; intake claimed"), "\(resumed.stdout)")
            #expect(
                try world.state("SELECT mode, status FROM runs ORDER BY started_at") == [
                    "run|failed", "resume|succeeded",
                ])
            #expect(await world.forge.dispatches().count == 1)
        }
    }

    @Test func aTokenThatMayNotDispatchIsRecordedAndTheJobEndsTryAgainLater() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration()]) { world in
            let writer = try ScriptedAgent(.writeArtifacts(questions: []), in: world)
            await world.forge.inject(.status(502), on: .listComments, times: 8)
            await world.forge.inject(
                .status(
                    403, headers: ["Content-Type": "application/json"],
                    body: #"{"message":"Resource not accessible by integration"}"#),
                on: .dispatchWorkflow)
            let run = try await world.conveyor(["run"], writer.variables.merging(try world.checkout()) { $1 })

            #expect(run.status == 75, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.forge.dispatches().isEmpty)
            let rows = try world.failures()
            #expect(rows.last?.hasPrefix("infra|redispatch|live|failed|") == true, "\(rows)")
            #expect(rows.last?.contains("actions: write") == true, "\(rows)")
            #expect(run.stderr.contains("could not start intake for #1 again"), "\(run.stderr)")
            let comment = try #require(await world.statusComments().first)
            #expect(comment.contains("Re-dispatch failed") && comment.contains("try again later"), "\(comment)")
            #expect(try world.state("SELECT count(*) FROM incident_reports") == ["0"])
        }
    }

    @Test func theDevLoopsFailureIsNotRevisedAgainByTheSupervisor() async throws {
        let config = Self.configuration(
            extra: """
                agent: {name: command}
                commands:
                  test: {run: "echo broken; exit 1", timeout_minutes: 1}
                dev:
                  max_dev_attempts: 2
                  ci: {mode: off}
                """)
        try await RunWorld.with(seed: [".conveyor/config.yml": config], label: "run:dev") { world in
            let calls = world.scratch.appending("agent-calls")
            let script = world.scratch.appending("dev-agent.sh")
            try Data("echo run >> '\(calls.path)'\necho 'x = 1' > change.py\n".utf8).write(to: script)
            var variables = try world.checkout()
            variables["CONVEYOR_AGENT"] = "command"
            variables["CONVEYOR_AGENT_COMMAND"] = "sh \(script.path) {prompt_file}"
            let run = try await world.conveyor(["run"], variables)

            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            // The dev loop's two attempts, and no third from a supervisor revise.
            #expect(try String(contentsOf: calls, encoding: .utf8) == "run\nrun\n")
            let rows = try world.failures()
            #expect(rows.count == 1 && rows[0].hasPrefix("product|escalate|live|escalated|"), "\(rows)")
            #expect(rows[0].contains("max_dev_attempts"), "\(rows)")
            #expect(
                try world.state("SELECT status, failure_class FROM attempts ORDER BY attempt_id") == [
                    "failed|product", "failed|product",
                ])
        }
    }
}

extension RunWorld {
    /// Runs `conveyor run` as the job the wrapper workflow starts for `dispatch`: a `workflow_dispatch` event with
    /// exactly its ref, workflow and inputs, sent by Conveyor's own identity, as another Actions run (4243).
    func replay(_ dispatch: ForgeDispatch, _ dialect: ForgeDialect, _ extra: [String: String]) async throws
        -> ProcessOutput
    {
        let file =
            dialect == .github
            ? "github-events/workflow_dispatch.json" : "gitea-events/constructed.workflow_dispatch.json"
        let payload = try ActionsJob.payload(file) { object in
            object["inputs"] = dispatch.inputs
            object["ref"] = "refs/heads/\(dispatch.ref)"
            object["workflow"] = ".github/workflows/\(dispatch.workflowID)"
            var sender = object["sender"] as? [String: Any] ?? [:]
            sender["login"] = dialect == .github ? "github-actions[bot]" : "gitea-actions"
            sender["type"] = "Bot"
            object["sender"] = sender
        }
        let path = scratch.appending("dispatch-\(UUID().uuidString.prefix(8)).json")
        try payload.write(to: path)
        let event = ["GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_EVENT_PATH": path.path]
        return try await conveyor(["run"], extra.merging(nextJob) { $1 }.merging(event) { $1 })
    }

    /// A git CLI clone of the repository as `GITHUB_WORKSPACE`, so `.conveyor/config.yml` is read from it.
    func checkout() throws -> [String: String] {
        ["GITHUB_WORKSPACE": try clonedCheckout().path]
    }

    /// Commits `.conveyor/config.yml` to the repository (before ``checkout()``).
    func seedConfiguration(_ text: String) throws {
        try git.seed("\(forge.owner)/\(forge.repo)", files: [".conveyor/config.yml": text], message: "Configure")
    }

    /// Rows of `sql` against the state database on the state branch, columns separated by `|`.
    func state(_ sql: String) throws -> [String] {
        try RunSecretsTests.state(self, sql)
    }

    /// `conveyor state metrics --format json` for the intake stage.
    func stageMetrics() async throws -> [String: Any] {
        let output = try await conveyor(["state", "metrics", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let stages = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
        return stages.first { $0["stage"] as? String == "intake" } ?? [:]
    }

    /// Every recorded failure as `class|action|mode|result|signals|reason`, oldest first.
    func failures() throws -> [String] {
        try state(
            """
            SELECT f.class, m.action, m.mode, m.result, f.signals_json, m.reason
            FROM failures f JOIN remediations m ON m.failure_id = f.id ORDER BY f.occurred_at, f.id
            """
        ).map { row in
            // Signals as `kind=value` for readable assertions.
            row.replacingOccurrences(of: #"{"kind":""#, with: "").replacingOccurrences(of: #"","value":""#, with: "=")
        }
    }
}
