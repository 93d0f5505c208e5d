import Foundation
import GRDB

/// Applies ``StateChange`` values to a state database inside one write transaction that the caller opened.
///
/// Every statement is idempotent (`INSERT … ON CONFLICT DO NOTHING`, guarded `UPDATE`s), and each reports
/// whether it wrote anything, so the caller can skip the commit when a batch changed nothing.
struct StateChangeApplier {
    /// Thrown out of the transaction when a claim meets another run's live lease, so the batch rolls back.
    struct LeaseHeld: Error {
        /// The position of the claim in the batch.
        let index: Int
        /// Who holds the lease.
        let holder: LeaseHolder
    }

    let db: Database

    /// Applies `changes` in order and returns one outcome per change.
    ///
    /// - Throws: ``LeaseHeld`` when a claim finds the lease held; ``StateBranchError`` with code
    ///   ``StateBranchError/Code/unknownRun`` when a change names a run that is not recorded.
    func apply(_ changes: [StateChange]) throws -> [StateChangeOutcome] {
        try changes.enumerated().map { index, change in
            let outcome = try apply(change)
            if case .leaseHeld(let holder) = outcome { throw LeaseHeld(index: index, holder: holder) }
            return outcome
        }
    }

    private func apply(_ change: StateChange) throws -> StateChangeOutcome {
        switch change {
        case .upsertWorkItem(let update): try upsertWorkItem(update)
        case .startRun(let start): try startRun(start)
        case .finishRun(let finish): try finishRun(finish)
        case .claimLease(let claim): try claimLease(claim)
        case .releaseLease(let release): try releaseLease(release)
        case .appendFlowEvent(let event): try appendFlowEvent(event)
        case .checkpoint(let checkpoint): try recordCheckpoint(checkpoint)
        case .recordDenial(let denial): try recordDenial(denial)
        case .recordGateResults(let record): try recordGateResults(record)
        case .recordAgentSession(let session): try recordAgentSession(session)
        case .saveFlow(let record): try saveFlow(record)
        case .recordLink(let link): try recordLink(link)
        case .recordFailure(let record): try recordFailure(record)
        case .recordAttempt(let attempt): try recordAttempt(attempt)
        }
    }

    /// Runs one statement and says whether it inserted, updated or deleted a row.
    func execute(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
        let before = db.totalChangesCount
        try db.execute(sql: sql, arguments: arguments)
        return db.totalChangesCount > before
    }

    /// `.applied` when `changed`, else `.alreadyRecorded`.
    func outcome(changed: Bool) -> StateChangeOutcome {
        changed ? .applied : .alreadyRecorded
    }

    /// The row id of `key`, recording the work item first when it is new.
    func workItemID(_ key: WorkItemKey, at date: Date) throws -> Int64 {
        let time = StateTimestamp.text(date)
        _ = try execute(
            """
            INSERT INTO work_items (repository, kind, number, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (repository, number) DO NOTHING
            """, [key.repository, key.kind, key.number, time, time])
        guard let id = try existingWorkItemID(key) else {
            throw StateBranchError(.invalidChange, message: StateBranchError.Messages.workItemMissing(key))
        }
        return id
    }

    /// The row id of `key`, or nil when the work item is not recorded.
    func existingWorkItemID(_ key: WorkItemKey) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM work_items WHERE repository = ? AND number = ?",
            arguments: [key.repository, key.number])
    }

    /// Throws ``StateBranchError/Code/unknownRun`` unless `runID` is recorded.
    func requireRun(_ runID: String, for change: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE run_id = ?", arguments: [runID]) != nil else {
            throw StateBranchError(.unknownRun, message: StateBranchError.Messages.unknownRun(runID, change: change))
        }
    }

    private func upsertWorkItem(_ update: WorkItemUpdate) throws -> StateChangeOutcome {
        let key = update.workItem
        let time = StateTimestamp.text(update.at)
        let changed = try execute(
            """
            INSERT INTO work_items (repository, kind, number, title, current_stage, stage_state, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (repository, number) DO UPDATE SET
                title = coalesce(nullif(excluded.title, ''), work_items.title), current_stage = excluded.current_stage,
                stage_state = excluded.stage_state, updated_at = excluded.updated_at
            WHERE excluded.updated_at >= work_items.updated_at
                AND (work_items.title IS NOT coalesce(nullif(excluded.title, ''), work_items.title)
                    OR work_items.current_stage IS NOT excluded.current_stage
                    OR work_items.stage_state IS NOT excluded.stage_state)
            """,
            [
                key.repository, key.kind, key.number, update.title, update.currentStage, update.stageState, time,
                time,
            ])
        return outcome(changed: changed)
    }
}
