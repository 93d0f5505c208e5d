import ConveyorTestSupport
import Foundation
import GRDB
import Reporting
import Store
import Testing

/// `conveyor report` on a state database of a few hundred runs: the figures add up, the three forms carry them,
/// and the HTML page renders its charts in a real headless Chromium without script errors.
@Suite struct ReportTests {
    static let stages = ["intake", "vision", "prd", "arch", "design", "plan", "dev"]
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// 60 work items, each taken through 1…7 stages with some revise rounds: 300+ runs, sessions, usage, gates.
    static func seeded() async throws -> (StateDatabase, runs: Int, succeeded: Int, failed: Int, cost: Double) {
        let database = try await StateDatabase.inMemory()
        let counts = try await database.write { db -> (Int, Int, Int, Double) in
            var runs = 0
            var succeeded = 0
            var failed = 0
            var cost = 0.0
            func time(_ minutes: Int) -> String {
                let date = start.addingTimeInterval(Double(minutes) * 60)
                return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
            }
            for item in 1...60 {
                let reached = item % stages.count
                let base = item * 180
                try db.execute(
                    sql: """
                        INSERT INTO work_items (id, repository, kind, number, title, current_stage, stage_state,
                                                created_at, updated_at)
                        VALUES (?, 'acme/shop', 'issue', ?, ?, ?, 'awaiting_review', ?, ?)
                        """,
                    arguments: [item, item, "Item <\(item)> | \"quoted\"", stages[reached], time(base), time(base)])
                var clock = base
                for stageIndex in 0...reached {
                    let rounds = (item + stageIndex) % 3 == 0 ? 2 : 1
                    for round in 0..<rounds {
                        runs += 1
                        let runID = "r\(runs)"
                        let fails = (item * 7 + stageIndex + round) % 5 == 0
                        let status =
                            stageIndex == reached && round == rounds - 1 && item % 4 == 0
                            ? "started" : fails ? "failed" : "succeeded"
                        if status == "succeeded" { succeeded += 1 }
                        if status == "failed" { failed += 1 }
                        let ended: String? = status == "started" ? nil : time(clock + 30)
                        try db.execute(
                            sql: """
                                INSERT INTO runs (run_id, work_item, stage, mode, status, started_at, ended_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [
                                runID, item, stages[stageIndex], round == 0 ? "run" : "revise", status,
                                time(clock), ended,
                            ])
                        try db.execute(
                            sql:
                                "INSERT INTO attempts (attempt_id, run_id, number, status, started_at) VALUES (?, ?, 1, ?, ?)",
                            arguments: ["a\(runs)", runID, status, time(clock)])
                        try db.execute(
                            sql: """
                                INSERT INTO agent_sessions (session_id, attempt_id, role, agent, status, started_at)
                                VALUES (?, ?, 'pm', 'claude', 'done', ?)
                                """,
                            arguments: ["s\(runs)", "a\(runs)", time(clock)])
                        let spent = Double(runs % 9 + 1) / 10
                        cost += spent
                        try db.execute(
                            sql: """
                                INSERT INTO token_usage (session_id, turn, model, input_tokens, output_tokens,
                                                         total_tokens, cost_usd, recorded_at)
                                VALUES (?, 0, 'model', 1000, 200, 1200, ?, ?)
                                """,
                            arguments: ["s\(runs)", spent, time(clock)])
                        if status != "started" {
                            try db.execute(
                                sql: """
                                    INSERT INTO gate_results (attempt_id, gate, check_name, verdict, evaluated_at)
                                    VALUES (?, 'artifacts', 'exists', ?, ?)
                                    """,
                                arguments: ["a\(runs)", fails ? "fail" : "pass", time(clock + 29)])
                        }
                        clock += 45
                    }
                    if stageIndex < reached {
                        try db.execute(
                            sql: """
                                INSERT INTO flow_events (idempotency_key, occurred_at, correlation_id, work_item,
                                                         actor_type, actor_id, event_type, payload_json)
                                VALUES (?, ?, ?, ?, 'user', 'owner-ann', 'stage.approved', ?)
                                """,
                            arguments: [
                                "ap-\(item)-\(stageIndex)", time(clock), "c\(item)", item,
                                #"{"stage":"\#(stages[stageIndex])"}"#,
                            ])
                    }
                    clock += 600
                }
            }
            return (runs, succeeded, failed, cost)
        }
        return (database, counts.0, counts.1, counts.2, counts.3)
    }

    @Test func theFiguresAddUpOverAFewHundredRuns() async throws {
        let (database, runs, succeeded, failed, cost) = try await Self.seeded()
        let report = try await ReportBuilder.build(from: database, now: Self.start.addingTimeInterval(90 * 86_400))

        #expect(runs >= 250)
        #expect(report.runCount == runs)
        #expect(report.items.count == 60)
        #expect(report.summary.itemsByStage.reduce(0) { $0 + $1.value } == 60)
        let rate = try #require(report.summary.successRate)
        #expect(abs(rate - Double(succeeded) / Double(succeeded + failed)) < 1e-9)
        #expect(abs(report.summary.totalCostUSD - cost) < 1e-6)
        #expect(abs(report.summary.costByDay.reduce(0) { $0 + $1.value } - cost) < 1e-6)
        #expect(report.summary.totalTokens == runs * 1200)
        #expect(report.summary.throughputPerDay.reduce(0) { $0 + $1.value } == succeeded + failed)
        #expect(report.summary.leadTimeHoursByStage.map(\.label) == Self.stages)

        let item = try #require(report.items.first { $0.number == 6 })
        #expect(item.stages.map(\.name) == Self.stages)
        #expect(item.stages[0].reviseRounds == 1 && item.stages[0].runs == 2)
        #expect(item.stages[0].approvedBy == ["owner-ann"])
        #expect(item.stages[6].approvedBy.isEmpty)
        #expect(item.stages[0].verdicts.count == 2)
        #expect(item.stages[1].durationSeconds == 30 * 60)
    }

    /// The rows a dev run in `dev.ci.mode: pending` and `conveyor tick`'s judgements leave (``PendingCIChore``): item 1's
    /// first dev run `d1` passed its gate and left CI pending, tick judged it red and recorded `d1-ci` (started by
    /// `tick`, failed, its gate `fail`), the dispatched `d2` left CI pending and tick judged it green; item 2's `d3`
    /// still waits for CI; item 3 has an intake run that failed and one that succeeded.
    static func judgedCI() async throws -> StateDatabase {
        let database = try await StateDatabase.inMemory()
        try await database.write { db in
            func time(_ minutes: Int) -> String {
                start.addingTimeInterval(Double(minutes) * 60).formatted(
                    Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
            }
            for (item, stage) in [(1, "dev"), (2, "dev"), (3, "intake")] {
                try db.execute(
                    sql: """
                        INSERT INTO work_items (id, repository, kind, number, title, current_stage, created_at,
                                                updated_at)
                        VALUES (?, 'acme/shop', 'issue', ?, 'Item', ?, ?, ?)
                        """, arguments: [item, item, stage, time(0), time(0)])
            }
            let runs: [(id: String, item: Int, stage: String, trigger: String, status: String, gate: String, at: Int)] =
                [
                    ("d1", 1, "dev", "label", "succeeded", "pass", 0),
                    ("d1-ci", 1, "dev", "tick", "failed", "fail", 30),
                    ("d2", 1, "dev", "dispatch", "succeeded", "pass", 40),
                    ("d3", 2, "dev", "label", "succeeded", "pass", 0),
                    ("i1", 3, "intake", "label", "failed", "fail", 0),
                    ("i2", 3, "intake", "label", "succeeded", "pass", 20),
                ]
            for run in runs {
                let length = run.trigger == "tick" ? 0 : 10
                try db.execute(
                    sql: """
                        INSERT INTO runs (run_id, work_item, stage, mode, trigger_source, status, outcome, started_at,
                                          ended_at)
                        VALUES (?, ?, ?, 'run', ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        run.id, run.item, run.stage, run.trigger, run.status, run.gate, time(run.at),
                        time(run.at + length),
                    ])
                try db.execute(
                    sql: """
                        INSERT INTO attempts (attempt_id, run_id, number, status, started_at, ended_at)
                        VALUES (?, ?, 1, ?, ?, ?)
                        """, arguments: ["\(run.id)#1", run.id, run.status, time(run.at), time(run.at + length)])
                try db.execute(
                    sql: """
                        INSERT INTO gate_results (attempt_id, gate, check_name, verdict, evaluated_at)
                        VALUES (?, ?, '000:verdict', ?, ?)
                        """, arguments: ["\(run.id)#1", run.stage, run.gate, time(run.at + length)])
            }
            let events: [(key: String, item: Int, type: String, run: String, at: Int)] = [
                ("d1:ci.pending:h1", 1, "ci.pending", "d1", 10),
                ("ci.judged:d1:ci.pending:h1", 1, "ci.failed", "d1", 30),
                ("d2:ci.pending:h2", 1, "ci.pending", "d2", 50),
                ("ci.judged:d2:ci.pending:h2", 1, "ci.passed", "d2", 60),
                ("d3:ci.pending:h3", 2, "ci.pending", "d3", 10),
            ]
            for event in events {
                try db.execute(
                    sql: """
                        INSERT INTO flow_events (idempotency_key, occurred_at, correlation_id, work_item, actor_type,
                                                 event_type, payload_json)
                        VALUES (?, ?, ?, ?, 'conveyor', ?, ?)
                        """,
                    arguments: [
                        event.key, time(event.at), event.run, event.item, event.type, #"{"run":"\#(event.run)"}"#,
                    ])
            }
        }
        return database
    }

    @Test func ciJudgementsAreOutcomesOfTheRunsTheyJudgeNotRunsOfTheirOwn() async throws {
        let report = try await ReportBuilder.build(
            from: try await Self.judgedCI(), now: Self.start.addingTimeInterval(86_400))
        // Five runs: d1-ci is tick's judgement of d1.
        #expect(report.runCount == 5)
        #expect(report.summary.throughputPerDay.reduce(0) { $0 + $1.value } == 5)
        let dev = try #require(report.items.first { $0.number == 1 }?.stages.first)
        #expect(dev.runs == 2)
        #expect(dev.verdicts == ["fail", "pass"])
        #expect(dev.durationSeconds == 20 * 60)
        #expect(dev.lastStatus == "succeeded")
        // d1 failed on CI, d2 and i2 succeeded, i1 failed; d3 is not finished while its CI is unjudged.
        #expect(report.summary.successRate == 0.5)
        let waiting = try #require(report.items.first { $0.number == 2 }?.stages.first)
        #expect(waiting.lastStatus == "waiting-for-ci")
        #expect(waiting.runs == 1)
    }

    @Test func markdownAndJSONCarryTheReport() async throws {
        let (database, _, _, _, _) = try await Self.seeded()
        let report = try await ReportBuilder.build(from: database, now: Self.start.addingTimeInterval(90 * 86_400))

        let markdown = try ReportRenderer.render(report, as: .markdown)
        #expect(markdown.contains("```mermaid\npie title Work items by current stage"))
        #expect(markdown.contains("xychart-beta"))
        #expect(markdown.contains("Item &lt;6&gt; \\| \"quoted\""))
        #expect(markdown.contains("| | intake | 2 | 1 | "))

        let json = try ReportRenderer.render(report, as: .json)
        #expect(json.contains("\"success_rate\""))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(abs((summary["total_cost_usd"] as? Double ?? 0) - report.summary.totalCostUSD) < 1e-9)
        #expect(summary["total_tokens"] as? Int == report.summary.totalTokens)
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == report.items.count)
        let stages = try #require(items.first?["stages"] as? [[String: Any]])
        #expect(stages.first?["revise_rounds"] as? Int == report.items.first?.stages.first?.reviseRounds)
        #expect(
            abs((stages.first?["cost_usd"] as? Double ?? -1) - (report.items.first?.stages.first?.costUSD ?? 0)) < 1e-9)
    }

    @Test func theHTMLPageRendersItsChartsInHeadlessChromium() async throws {
        let (database, _, _, _, _) = try await Self.seeded()
        let report = try await ReportBuilder.build(from: database, now: Self.start.addingTimeInterval(90 * 86_400))
        let html = try ReportRenderer.render(report, as: .html)
        #expect(!html.contains(" src=") && !html.contains(" href=") && !html.contains("<link"))
        #expect(html.contains("Item &lt;6&gt; | &quot;quoted&quot;"))

        let directory = try TemporaryDirectory(prefix: "report")
        defer { directory.remove() }
        let page = directory.appending("report.html")
        try Data(html.utf8).write(to: page)
        let browser = try #require(
            Self.browser(), "No headless Chromium on PATH: scripts/bootstrap installs chromium-headless-shell.")
        let output = try ProcessRunner.run([
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=\(directory.appending("profile").path)", "--virtual-time-budget=2000", "--dump-dom",
            page.absoluteString,
        ])
        #expect(output.succeeded, "\(output.stderr)")
        let dom = output.stdout
        #expect(dom.contains("data-charts-rendered=\"5\""), "\(dom.prefix(400))")
        #expect(dom.contains("data-errors=\"\""))
        #expect(dom.components(separatedBy: "<rect class=\"bar\"").count - 1 >= 7 * 2 + 3)
    }

    /// The first headless-capable Chromium on `PATH`.
    static func browser() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for name in ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":")
            where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }
}
