import Foundation
import GRDB

extension StateChangeApplier {
    /// Inserts the run as `started` unless its ID is already recorded.
    func startRun(_ start: RunStart) throws -> StateChangeOutcome {
        let item = try workItemID(start.workItem, at: start.at)
        let changed = try execute(
            """
            INSERT INTO runs (run_id, work_item, stage, mode, trigger_source, trigger_actor, status, started_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (run_id) DO NOTHING
            """,
            [
                start.runID, item, start.stage, start.mode, start.trigger, start.actor, RunStatus.started.rawValue,
                StateTimestamp.text(start.at),
            ])
        return outcome(changed: changed)
    }

    /// Ends the run unless it already ended, and frees every lease it holds.
    func finishRun(_ finish: RunFinish) throws -> StateChangeOutcome {
        try requireRun(finish.runID, for: "finishRun")
        let changed = try execute(
            "UPDATE runs SET status = ?, outcome = ?, ended_at = ? WHERE run_id = ? AND ended_at IS NULL",
            [finish.status.rawValue, finish.outcome, StateTimestamp.text(finish.at), finish.runID])
        guard changed else { return .alreadyRecorded }
        _ = try execute("DELETE FROM leases WHERE run_id = ?", [finish.runID])
        return .applied
    }

    /// True when the recorded run `runID` has an end time.
    func runHasEnded(_ runID: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT ended_at IS NOT NULL FROM runs WHERE run_id = ?", arguments: [runID])
            ?? false
    }

    /// Marks the unfinished run `runID` as expired because `successor` took its lease over.
    func expireRun(_ runID: String, takenOverBy successor: String, at date: Date) throws {
        _ = try execute(
            "UPDATE runs SET status = ?, outcome = ?, ended_at = ? WHERE run_id = ? AND ended_at IS NULL",
            [
                RunStatus.expired.rawValue, "lease expired; taken over by run \(successor)",
                StateTimestamp.text(date), runID,
            ])
    }
}
