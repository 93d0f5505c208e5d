import Foundation
import GRDB
import StateBranch
import Store

/// Builds a ``PipelineReport`` from a state database (the file on the state branch).
///
/// Reads `work_items`, `runs`, `attempts`, `agent_sessions`, `token_usage`, `gate_results` and, from `flow_events`,
/// the approvals (events whose type contains `approv`, e.g. `stage.approved`, with the stage in `$.stage` of the
/// payload) and the dev runs still waiting for CI (`ci.pending` with no `ci.judged:` entry). Read-only; one read
/// transaction, so the figures are consistent with each other.
///
/// A run `conveyor tick` records when it judges an earlier run's CI red, timed out or stale (`<run>-ci`, started by
/// `tick`: `PendingCIChore` and `CIEvent.judgementRunID` in the Execution and Flows modules) is that run's outcome,
/// not a run of its own: it is not counted as a run, in throughput or in durations; the run it judged counts as
/// failed with its verdict `fail`. A dev run whose CI is not judged yet is not finished for the success rate, and its
/// stage shows `waiting-for-ci`.
public enum ReportBuilder {
    /// The report of `database`, optionally for one repository (`owner/name`), as of `now`.
    public static func build(
        from database: StateDatabase, repository: String? = nil, now: Date = Date()
    ) async throws -> PipelineReport {
        let rows = try await database.read { db in try Rows.fetch(db, repository: repository) }
        return assemble(rows, now: now)
    }

    // MARK: - Reading

    /// The raw rows, fetched in one transaction.
    struct Rows: Sendable {
        struct Item: Sendable {
            let id: Int64, repository: String, kind: String, number: Int, title: String
            let currentStage: String?, stageState: String?
        }
        struct Run: Sendable {
            let id: String, item: Int64, stage: String, mode: String, status: String
            let startedAt: Date, endedAt: Date?
            /// `trigger_source`: `label`, `dispatch`, … and `tick` for a CI judgement.
            var trigger: String? = nil
        }
        var items: [Item] = []
        var runs: [Run] = []
        var usage: [String: (tokens: Int, cost: Double)] = [:]
        var verdicts: [String: String] = [:]
        var approvals: [(item: Int64, stage: String, login: String)] = []
        /// Runs that left their CI to `conveyor tick` and were not judged yet.
        var waitingForCI: Set<String> = []

        static func fetch(_ db: Database, repository: String?) throws -> Rows {
            var rows = Rows()
            let filter = repository == nil ? "" : " WHERE repository = ?"
            let arguments: StatementArguments = repository.map { [$0] } ?? []
            for row in try Row.fetchAll(
                db,
                sql: "SELECT id, repository, kind, number, title, current_stage, stage_state FROM work_items"
                    + filter, arguments: arguments)
            {
                rows.items.append(
                    Item(
                        id: row["id"], repository: row["repository"], kind: row["kind"], number: row["number"],
                        title: row["title"], currentStage: row["current_stage"], stageState: row["stage_state"]))
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT run_id, work_item, stage, mode, status, started_at, ended_at, trigger_source FROM runs
                    ORDER BY started_at
                    """
            ) {
                guard let started = StateTimestamp.date(row["started_at"]) else { continue }
                let ended: String? = row["ended_at"]
                rows.runs.append(
                    Run(
                        id: row["run_id"], item: row["work_item"], stage: row["stage"], mode: row["mode"],
                        status: row["status"], startedAt: started, endedAt: ended.flatMap(StateTimestamp.date),
                        trigger: row["trigger_source"]))
            }
            rows.waitingForCI = Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT json_extract(p.payload_json, '$.run') FROM flow_events p
                        WHERE p.event_type = 'ci.pending' AND json_extract(p.payload_json, '$.run') IS NOT NULL
                            AND NOT EXISTS (
                                SELECT 1 FROM flow_events j WHERE j.idempotency_key = 'ci.judged:' || p.idempotency_key)
                        """))
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT a.run_id AS run_id,
                           SUM(CASE WHEN t.total_tokens > 0 THEN t.total_tokens
                                    ELSE t.input_tokens + t.output_tokens END) AS tokens,
                           SUM(COALESCE(t.cost_usd, 0)) AS cost
                    FROM token_usage t
                    JOIN agent_sessions s ON s.session_id = t.session_id
                    JOIN attempts a ON a.attempt_id = s.attempt_id
                    GROUP BY a.run_id
                    """)
            {
                rows.usage[row["run_id"]] = (row["tokens"] ?? 0, row["cost"] ?? 0)
            }
            // The worst verdict of a run's checks: fail over needs_input over pass.
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT a.run_id AS run_id,
                           MAX(CASE g.verdict WHEN 'fail' THEN 3 WHEN 'needs_input' THEN 2 ELSE 1 END) AS rank
                    FROM gate_results g JOIN attempts a ON a.attempt_id = g.attempt_id
                    GROUP BY a.run_id
                    """)
            {
                let rank: Int = row["rank"]
                rows.verdicts[row["run_id"]] = rank == 3 ? "fail" : rank == 2 ? "needs_input" : "pass"
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT work_item, COALESCE(actor_id, '') AS login,
                           COALESCE(json_extract(payload_json, '$.stage'), '') AS stage
                    FROM flow_events
                    WHERE event_type LIKE '%approv%' AND work_item IS NOT NULL
                    ORDER BY occurred_at
                    """)
            {
                rows.approvals.append((row["work_item"], row["stage"], row["login"]))
            }
            return rows
        }
    }

    // MARK: - Figures

    static func assemble(_ rows: Rows, now: Date) -> PipelineReport {
        let itemIDs = Set(rows.items.map(\.id))
        let judged = Judged(rows.runs.filter { itemIDs.contains($0.item) }, waitingForCI: rows.waitingForCI)
        let runs = judged.runs
        let runsByItem = Dictionary(grouping: runs, by: \.item)
        var stageOrder: [String] = []
        for run in runs where !stageOrder.contains(run.stage) { stageOrder.append(run.stage) }

        var items: [(PipelineReport.WorkItem, Date)] = []
        var stageLeadTimes: [String: [Double]] = [:]
        for item in rows.items {
            guard let itemRuns = runsByItem[item.id], let first = itemRuns.first else { continue }
            var stages: [PipelineReport.Stage] = []
            var order: [String] = []
            for run in itemRuns where !order.contains(run.stage) { order.append(run.stage) }
            for name in order {
                let stageRuns = itemRuns.filter { $0.stage == name }
                let usage = stageRuns.map { rows.usage[$0.id] ?? (0, 0) }
                stages.append(
                    PipelineReport.Stage(
                        name: name, runs: stageRuns.count, reviseRounds: stageRuns.filter { $0.mode == "revise" }.count,
                        durationSeconds: stageRuns.reduce(0) {
                            $0 + ($1.endedAt ?? now).timeIntervalSince($1.startedAt)
                        },
                        verdicts: stageRuns.compactMap { judged.verdict(of: $0, gates: rows.verdicts) },
                        lastStatus: stageRuns.last.map(judged.status) ?? "",
                        approvedBy: rows.approvals.filter { $0.item == item.id && $0.stage == name }.map(\.login),
                        tokens: usage.reduce(0) { $0 + $1.tokens }, costUSD: usage.reduce(0) { $0 + $1.cost }))
                if let start = stageRuns.first?.startedAt, let end = stageRuns.last.flatMap(judged.end) {
                    stageLeadTimes[name, default: []].append(end.timeIntervalSince(start) / 3600)
                }
            }
            let lastActivity = itemRuns.map { judged.end(of: $0) ?? $0.startedAt }.max() ?? first.startedAt
            let end = itemRuns.allSatisfy { $0.endedAt != nil } ? lastActivity : now
            items.append(
                (
                    PipelineReport.WorkItem(
                        repository: item.repository, number: item.number, kind: item.kind, title: item.title,
                        currentStage: item.currentStage, stageState: item.stageState, stages: stages,
                        leadTimeSeconds: end.timeIntervalSince(first.startedAt),
                        tokens: stages.reduce(0) { $0 + $1.tokens }, costUSD: stages.reduce(0) { $0 + $1.costUSD }),
                    lastActivity
                ))
        }
        items.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0.number > $1.0.number) }
        let reportItems = items.map(\.0)

        var byStage: [String: Int] = [:]
        for item in reportItems { byStage[item.currentStage ?? "none", default: 0] += 1 }
        let stageLabels = stageOrder + byStage.keys.filter { !stageOrder.contains($0) }.sorted()
        let finished = runs.map(judged.status).filter { $0 == "succeeded" || $0 == "failed" }
        var throughput: [String: Int] = [:]
        for run in runs { if let end = run.endedAt { throughput[day(end), default: 0] += 1 } }
        var costByStage: [String: Double] = [:]
        var costByDay: [String: Double] = [:]
        for run in runs {
            let cost = rows.usage[run.id]?.cost ?? 0
            costByStage[run.stage, default: 0] += cost
            costByDay[day(run.startedAt), default: 0] += cost
        }
        let summary = PipelineReport.Summary(
            itemsByStage: stageLabels.compactMap { label in byStage[label].map { .init(label: label, value: $0) } },
            throughputPerDay: throughput.keys.sorted().map { .init(label: $0, value: throughput[$0] ?? 0) },
            leadTimeHoursByStage: stageOrder.compactMap { stage in
                stageLeadTimes[stage].map { .init(label: stage, value: median($0)) }
            },
            successRate: finished.isEmpty
                ? nil : Double(finished.filter { $0 == "succeeded" }.count) / Double(finished.count),
            costByStage: stageOrder.map { .init(label: $0, value: costByStage[$0] ?? 0) },
            costByDay: costByDay.keys.sorted().map { .init(label: $0, value: costByDay[$0] ?? 0) },
            totalCostUSD: reportItems.reduce(0) { $0 + $1.costUSD },
            totalTokens: reportItems.reduce(0) { $0 + $1.tokens })
        return PipelineReport(
            generatedAt: StateTimestamp.text(now), runCount: runs.count, items: reportItems, summary: summary)
    }

    /// The runs of the report with `conveyor tick`'s CI judgements folded into the runs they judge.
    struct Judged {
        /// Every run but the judgements.
        let runs: [Rows.Run]
        /// The judgement of each judged run, by the judged run's id.
        let judgements: [String: Rows.Run]
        let waitingForCI: Set<String>

        /// The suffix of a judgement's run id (`CIEvent.judgementRunID`).
        static let suffix = "-ci"

        init(_ all: [Rows.Run], waitingForCI: Set<String>) {
            let ids = Set(all.map(\.id))
            var judgements: [String: Rows.Run] = [:]
            for run in all where run.trigger == "tick" && run.id.hasSuffix(Self.suffix) {
                let judged = String(run.id.dropLast(Self.suffix.count))
                if ids.contains(judged) { judgements[judged] = run }
            }
            let judgementIDs = Set(judgements.values.map(\.id))
            self.runs = all.filter { !judgementIDs.contains($0.id) }
            self.judgements = judgements
            self.waitingForCI = waitingForCI
        }

        /// The run's status as judged: its judgement's (`failed`) when tick judged it so, `waiting-for-ci` while its
        /// CI is unjudged, else its own.
        func status(_ run: Rows.Run) -> String {
            if let judgement = judgements[run.id] { return judgement.status }
            return waitingForCI.contains(run.id) ? "waiting-for-ci" : run.status
        }

        /// When the run's outcome was known: its judgement's end, else its own.
        func end(of run: Rows.Run) -> Date? {
            judgements[run.id]?.endedAt ?? run.endedAt
        }

        /// The worst verdict of the run's gate and of its judgement: fail over needs_input over pass.
        func verdict(of run: Rows.Run, gates: [String: String]) -> String? {
            let ranks = ["pass": 1, "needs_input": 2, "fail": 3]
            let found = [gates[run.id], judgements[run.id].flatMap { gates[$0.id] }].compactMap { $0 }
            return found.max { (ranks[$0] ?? 0) < (ranks[$1] ?? 0) }
        }
    }

    /// `yyyy-MM-dd` in UTC.
    static func day(_ date: Date) -> String {
        String(StateTimestamp.text(date).prefix(10))
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
