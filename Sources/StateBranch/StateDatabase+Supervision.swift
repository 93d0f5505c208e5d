import Foundation
import GRDB
public import Store

extension StateDatabase {
    /// The current episode of `stage` on `workItem`: its recorded failures and the time its earlier runs took, from
    /// just after the stage last succeeded or last escalated (an incident report), with `runID` (the current run)
    /// left out of the run time.
    ///
    /// A re-dispatched job reads the same episode, so the supervisor's limits (`max_auto_reruns`,
    /// `max_total_duration`) and its "same signature twice" stop hold across jobs.
    public func supervision(of workItem: WorkItemKey, stage: String, excludingRun runID: String) async throws
        -> StageSupervisionHistory
    {
        try await read { db in
            guard
                let item = try Int64.fetchOne(
                    db, sql: "SELECT id FROM work_items WHERE repository = ? AND number = ?",
                    arguments: [workItem.repository, workItem.number])
            else { return StageSupervisionHistory() }
            let lastSuccess = try String.fetchOne(
                db,
                sql: """
                    SELECT max(ended_at) FROM runs
                    WHERE work_item = ? AND stage = ? AND status = ? AND run_id <> ?
                    """, arguments: [item, stage, RunStatus.succeeded.rawValue, runID])
            let lastIncident = try String.fetchOne(
                db,
                sql: """
                    SELECT max(i.created_at) FROM incident_reports i JOIN runs r ON r.run_id = i.run_id
                    WHERE r.work_item = ? AND r.stage = ? AND i.run_id <> ?
                    """, arguments: [item, stage, runID])
            let since = [lastSuccess, lastIncident].compactMap { $0 }.max() ?? ""
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.run_id, f.class, f.signature, f.occurred_at,
                        coalesce(m.action, '') AS action, coalesce(m.mode, '') AS mode,
                        coalesce(m.result, '') AS result, coalesce(m.duration_seconds, 0) AS duration
                    FROM failures f LEFT JOIN remediations m ON m.failure_id = f.id
                    WHERE f.work_item = ? AND f.stage = ? AND f.occurred_at > ?
                    ORDER BY f.occurred_at, f.id
                    """, arguments: [item, stage, since])
            let seconds =
                try Double.fetchOne(
                    db,
                    sql: """
                        SELECT coalesce(sum((julianday(ended_at) - julianday(started_at)) * 86400), 0) FROM runs
                        WHERE work_item = ? AND stage = ? AND run_id <> ? AND ended_at IS NOT NULL
                            AND started_at > ?
                        """, arguments: [item, stage, runID, since]) ?? 0
            return StageSupervisionHistory(
                failures: rows.map { row in
                    RecordedFailure(
                        runID: row["run_id"], failureClass: row["class"], signature: row["signature"],
                        action: row["action"], mode: row["mode"], result: row["result"],
                        durationSeconds: row["duration"],
                        at: StateTimestamp.date(row["occurred_at"]) ?? Date(timeIntervalSince1970: 0))
                }, earlierRunSeconds: max(0, seconds))
        }
    }

    /// The self-healing figures of every stage that has finished runs, by stage name (ADR 0017).
    public func supervisionMetrics() async throws -> [StageHealthMetrics] {
        try await read { db in
            let stages = try String.fetchAll(
                db, sql: "SELECT DISTINCT stage FROM runs WHERE ended_at IS NOT NULL ORDER BY stage")
            return try stages.map { stage in try Self.metrics(db, stage: stage) }
        }
    }

    private static func metrics(_ db: Database, stage: String) throws -> StageHealthMetrics {
        let succeeded = RunStatus.succeeded.rawValue
        // A run `conveyor tick` records when it judges an earlier run's CI (`<run>-ci`, started by `tick`) is that
        // run's outcome, not a run of its own: the judged run counts with the judgement's status (as in `conveyor
        // report`), and the judgement is not counted again.
        let counts = try Row.fetchOne(
            db,
            sql: """
                WITH judgements AS (
                    SELECT j.run_id, substr(j.run_id, 1, length(j.run_id) - 3) AS judged, j.status FROM runs j
                    WHERE j.trigger_source = 'tick' AND j.run_id LIKE '%-ci'
                        AND EXISTS (SELECT 1 FROM runs o WHERE o.run_id = substr(j.run_id, 1, length(j.run_id) - 3))),
                judged AS (
                    SELECT r.run_id, coalesce((SELECT status FROM judgements WHERE judged = r.run_id), r.status) AS status
                    FROM runs r
                    WHERE r.stage = ? AND r.ended_at IS NOT NULL
                        AND r.run_id NOT IN (SELECT run_id FROM judgements))
                SELECT count(*) AS finished, coalesce(sum(status = ?), 0) AS succeeded,
                    coalesce(sum(status = ? AND EXISTS (
                        SELECT 1 FROM failures f JOIN remediations m ON m.failure_id = f.id
                        WHERE f.run_id = judged.run_id AND m.mode = 'live' AND m.result = 'recovered')), 0) AS rescued
                FROM judged WHERE status IN (?, ?)
                """,
            arguments: [stage, succeeded, succeeded, succeeded, RunStatus.failed.rawValue])
        let finished: Int = counts?["finished"] ?? 0
        let success: Int = counts?["succeeded"] ?? 0
        let rescued: Int = counts?["rescued"] ?? 0
        let failures = try Row.fetchOne(
            db,
            sql: "SELECT count(*) AS total, coalesce(sum(class = 'flaky'), 0) AS flaky FROM failures WHERE stage = ?",
            arguments: [stage])
        let totalFailures: Int = failures?["total"] ?? 0
        let flaky: Int = failures?["flaky"] ?? 0
        // Time to repair: from a run's first failure to the end of that run, when it still succeeded.
        let repair = try Double.fetchOne(
            db,
            sql: """
                SELECT avg((julianday(r.ended_at) - julianday(first.at)) * 86400) FROM runs r
                JOIN (SELECT run_id, min(occurred_at) AS at FROM failures GROUP BY run_id) first
                    ON first.run_id = r.run_id
                WHERE r.stage = ? AND r.status = ? AND r.ended_at IS NOT NULL
                """, arguments: [stage, succeeded])
        let cost =
            try Double.fetchOne(
                db,
                sql: """
                    SELECT coalesce(sum(u.cost_usd), 0) FROM token_usage u
                    JOIN agent_sessions s ON s.session_id = u.session_id
                    JOIN attempts a ON a.attempt_id = s.attempt_id
                    JOIN runs r ON r.run_id = a.run_id
                    WHERE r.stage = ?
                    """, arguments: [stage]) ?? 0
        let escalations =
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM incident_reports i JOIN runs r ON r.run_id = i.run_id WHERE r.stage = ?",
                arguments: [stage]) ?? 0
        return StageHealthMetrics(
            stage: stage, finishedRuns: finished, succeededRuns: success, rescuedRuns: rescued,
            failures: totalFailures, flakyFailures: flaky, escalations: escalations, meanSecondsToRepair: repair,
            costUSD: cost)
    }
}

/// One stage's self-healing figures, derived from state (``StateDatabase/supervisionMetrics()``).
public struct StageHealthMetrics: Encodable, Sendable, Equatable {
    /// The stage.
    public var stage: String
    /// Runs that ended succeeded or failed.
    public var finishedRuns: Int
    /// Runs that ended succeeded (gate `pass` or `needs_input`).
    public var succeededRuns: Int
    /// Succeeded runs that needed a live remediation that recovered them.
    public var rescuedRuns: Int
    /// Classified failures.
    public var failures: Int
    /// Failures classified `flaky`.
    public var flakyFailures: Int
    /// Incident reports (escalations).
    public var escalations: Int
    /// Mean seconds from a run's first failure to the end of that run when it still succeeded; nil when none did.
    public var meanSecondsToRepair: Double?
    /// What the agents reported spending on the stage, in US dollars.
    public var costUSD: Double

    /// Succeeded ÷ finished runs, 0 when none finished.
    public var successRate: Double { finishedRuns == 0 ? 0 : Double(succeededRuns) / Double(finishedRuns) }
    /// The share of finished runs that succeeded only thanks to a remediation: the success rate minus what it would
    /// have been without the supervisor.
    public var rerunUplift: Double { finishedRuns == 0 ? 0 : Double(rescuedRuns) / Double(finishedRuns) }
    /// Flaky ÷ all failures, 0 when there were none.
    public var flakyRatio: Double { failures == 0 ? 0 : Double(flakyFailures) / Double(failures) }

    private enum Key: String, CodingKey {
        case stage, finishedRuns, succeededRuns, rescuedRuns, failures, flakyFailures, escalations
        case meanSecondsToRepair, costUSD, successRate, rerunUplift, flakyRatio
    }

    /// The stored counts and the derived rates, under their property names.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(stage, forKey: .stage)
        try container.encode(finishedRuns, forKey: .finishedRuns)
        try container.encode(succeededRuns, forKey: .succeededRuns)
        try container.encode(rescuedRuns, forKey: .rescuedRuns)
        try container.encode(failures, forKey: .failures)
        try container.encode(flakyFailures, forKey: .flakyFailures)
        try container.encode(escalations, forKey: .escalations)
        try container.encode(meanSecondsToRepair, forKey: .meanSecondsToRepair)
        try container.encode(costUSD, forKey: .costUSD)
        try container.encode(successRate, forKey: .successRate)
        try container.encode(rerunUplift, forKey: .rerunUplift)
        try container.encode(flakyRatio, forKey: .flakyRatio)
    }

    /// Creates the figures.
    public init(
        stage: String, finishedRuns: Int, succeededRuns: Int, rescuedRuns: Int, failures: Int, flakyFailures: Int,
        escalations: Int, meanSecondsToRepair: Double?, costUSD: Double
    ) {
        self.stage = stage
        self.finishedRuns = finishedRuns
        self.succeededRuns = succeededRuns
        self.rescuedRuns = rescuedRuns
        self.failures = failures
        self.flakyFailures = flakyFailures
        self.escalations = escalations
        self.meanSecondsToRepair = meanSecondsToRepair
        self.costUSD = costUSD
    }
}
