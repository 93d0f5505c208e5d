import Foundation
import GRDB

extension StateChangeApplier {
    /// Inserts the verdict's rows into `gate_results` under the run's latest attempt, the one the gate judged
    /// (attempt 1 is recorded here when the run has none).
    func recordGateResults(_ record: GateResultRecord) throws -> StateChangeOutcome {
        try requireRun(record.runID, for: "recordGateResults")
        let time = StateTimestamp.text(record.at)
        _ = try execute(
            """
            INSERT INTO attempts (attempt_id, run_id, number, status, started_at)
            SELECT ?, ?, 1, 'started', ? WHERE NOT EXISTS (SELECT 1 FROM attempts WHERE run_id = ?)
            ON CONFLICT DO NOTHING
            """, ["\(record.runID)#1", record.runID, time, record.runID])
        guard
            let attempt = try String.fetchOne(
                db, sql: "SELECT attempt_id FROM attempts WHERE run_id = ? ORDER BY number DESC LIMIT 1",
                arguments: [record.runID])
        else {
            throw StateBranchError(
                .invalidChange, message: "The run \(record.runID) has no attempt to record a gate under.")
        }
        let rows: [(check: String, reason: String?)] =
            record.reasons.isEmpty ? [("verdict", nil)] : record.reasons.map { ($0.check, $0.message) }
        var changed = false
        for (index, row) in rows.enumerated() {
            changed =
                try execute(
                    """
                    INSERT INTO gate_results (attempt_id, gate, check_name, verdict, reason, evaluated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (attempt_id, gate, check_name) DO NOTHING
                    """,
                    [attempt, record.stage, Self.checkName(index, row.check), record.verdict, row.reason, time])
                || changed
        }
        return outcome(changed: changed)
    }

    /// `007:missingArtifact`: the position first, zero-padded, so names sort in the gate's order.
    static func checkName(_ index: Int, _ check: String) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits + ":" + check
    }
}
