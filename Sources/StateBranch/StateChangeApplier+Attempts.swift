import Foundation
import GRDB

extension StateChangeApplier {
    /// Inserts the attempt, or updates its status, failure class and end.
    func recordAttempt(_ attempt: AttemptRecord) throws -> StateChangeOutcome {
        try requireRun(attempt.runID, for: "recordAttempt")
        let changed = try execute(
            """
            INSERT INTO attempts
                (attempt_id, run_id, number, forge_run_id, forge_run_attempt, status, failure_class, started_at,
                 ended_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (attempt_id) DO UPDATE SET
                status = excluded.status,
                failure_class = coalesce(excluded.failure_class, attempts.failure_class),
                ended_at = coalesce(excluded.ended_at, attempts.ended_at)
            WHERE attempts.status IS NOT excluded.status
                OR attempts.failure_class IS NOT coalesce(excluded.failure_class, attempts.failure_class)
                OR attempts.ended_at IS NOT coalesce(excluded.ended_at, attempts.ended_at)
            """,
            [
                attempt.attemptID, attempt.runID, attempt.number, attempt.forgeRunID, attempt.forgeRunAttempt,
                attempt.status, attempt.failureClass, StateTimestamp.text(attempt.startedAt),
                attempt.endedAt.map(StateTimestamp.text),
            ])
        return outcome(changed: changed)
    }
}
