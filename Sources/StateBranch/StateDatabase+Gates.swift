import Foundation
import GRDB
public import Store

extension StateDatabase {
    /// Why the latest run of `stage` on `workItem` other than `runID` failed, or nil when that run did not fail
    /// (or there is none): the gate's recorded reasons in order, else the error the run ended with.
    public func lastFailure(of workItem: WorkItemKey, stage: String, before runID: String) async throws
        -> StageFailure?
    {
        try await read { db in
            guard
                let run = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT r.run_id, r.status, r.outcome, r.started_at
                        FROM runs r JOIN work_items w ON w.id = r.work_item
                        WHERE w.repository = ? AND w.number = ? AND r.stage = ? AND r.run_id <> ?
                            AND r.ended_at IS NOT NULL
                        ORDER BY r.started_at DESC, r.run_id DESC LIMIT 1
                        """, arguments: [workItem.repository, workItem.number, stage, runID])
            else { return nil }
            let id: String = run["run_id"]
            let status: String = run["status"]
            guard status == RunStatus.failed.rawValue else { return nil }
            let reasons = try String.fetchAll(
                db,
                sql: """
                    SELECT g.reason FROM gate_results g JOIN attempts a ON a.attempt_id = g.attempt_id
                    WHERE a.run_id = ? AND g.gate = ? AND g.reason IS NOT NULL ORDER BY g.check_name
                    """, arguments: [id, stage])
            let outcome: String? = run["outcome"]
            return StageFailure(
                runID: id,
                reasons: reasons.isEmpty ? [outcome ?? "The run failed without a recorded reason."] : reasons,
                startedAt: StateTimestamp.date(run["started_at"]) ?? Date(timeIntervalSince1970: 0))
        }
    }
}
