import Foundation
import GRDB

extension StateChangeApplier {
    /// Inserts the failure, its remediation and its incident report, each once.
    func recordFailure(_ record: FailureRecord) throws -> StateChangeOutcome {
        try requireRun(record.runID, for: "recordFailure")
        let item = try workItemID(record.workItem, at: record.at)
        let time = StateTimestamp.text(record.at)
        let inserted = try execute(
            """
            INSERT INTO failures
                (idempotency_key, run_id, attempt_id, work_item, stage, class, confidence, signature, signals_json,
                 summary, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            [
                record.idempotencyKey, record.runID, record.attemptID, item, record.stage, record.failureClass,
                min(1, max(0, record.confidence)), record.signature, record.signalsJSON, record.summary, time,
            ])
        guard
            let failureID = try Int64.fetchOne(
                db, sql: "SELECT id FROM failures WHERE idempotency_key = ?", arguments: [record.idempotencyKey])
        else { return outcome(changed: inserted) }
        let remediation = try execute(
            """
            INSERT INTO remediations (failure_id, action, mode, result, reason, duration_seconds, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (failure_id) DO NOTHING
            """,
            [
                failureID, record.action, record.mode, record.result, record.reason, max(0, record.durationSeconds),
                time,
            ])
        var incident = false
        if let report = record.incident {
            incident = try execute(
                """
                INSERT INTO incident_reports (run_id, failure_id, path, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id) DO NOTHING
                """, [record.runID, failureID, report.path, time])
        }
        return outcome(changed: inserted || remediation || incident)
    }
}

extension StateChange {
    /// The files a change adds to the state branch beside the database: the incident report of an escalation.
    var branchFiles: [String: Data] {
        guard case .recordFailure(let record) = self, let incident = record.incident else { return [:] }
        return [incident.path: Data(incident.markdown.utf8)]
    }
}
