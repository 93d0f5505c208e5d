import Foundation
import GRDB

extension StateChangeApplier {
    /// Takes the lease when it is free, ours, held by our holder under an earlier run, or expired; reports it held
    /// otherwise. A claim for a run that has
    /// already finished (a late replay) changes nothing: a finished run holds no lease.
    func claimLease(_ claim: LeaseClaim) throws -> StateChangeOutcome {
        try requireRun(claim.runID, for: "claimLease")
        guard try !runHasEnded(claim.runID) else { return .alreadyRecorded }
        let item = try workItemID(claim.workItem, at: claim.now)
        let now = StateTimestamp.text(claim.now)
        let expires = StateTimestamp.text(claim.expiresAt)
        guard let current = try currentLease(item: item, stage: claim.stage) else {
            _ = try execute(
                """
                INSERT INTO leases (work_item, stage, holder, run_id, acquired_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [item, claim.stage, claim.holder, claim.runID, now, expires])
            return .leaseAcquired(expiresAt: claim.expiresAt)
        }
        if current.lease.holder == claim.holder && current.lease.runID == claim.runID {
            _ = try execute(
                "UPDATE leases SET expires_at = ? WHERE work_item = ? AND stage = ? AND expires_at < ?",
                [expires, item, claim.stage, expires])
            return .leaseAcquired(expiresAt: max(current.lease.expiresAt, claim.expiresAt))
        }
        // The same holder under another run ID is a later attempt of the same job (an Actions re-run after a
        // crash or cancel: attempts of one Actions run never overlap), so the earlier run is over and its lease
        // is taken over at once instead of after its expiry.
        let sameHolder = current.lease.holder == claim.holder
        guard sameHolder || current.expiresText <= now else { return .leaseHeld(current.lease) }
        _ = try execute(
            """
            UPDATE leases SET holder = ?, run_id = ?, acquired_at = ?, expires_at = ?
            WHERE work_item = ? AND stage = ?
            """, [claim.holder, claim.runID, now, expires, item, claim.stage])
        try expireRun(current.lease.runID, takenOverBy: claim.runID, at: claim.now)
        return .leaseTakenOver(previous: current.lease, expiresAt: claim.expiresAt)
    }

    /// Frees the lease when the releasing holder (and run, if given) holds it.
    func releaseLease(_ release: LeaseRelease) throws -> StateChangeOutcome {
        guard let item = try existingWorkItemID(release.workItem) else { return .leaseNotHeld(current: nil) }
        let released = try execute(
            """
            DELETE FROM leases WHERE work_item = ? AND stage = ? AND holder = ? AND (? IS NULL OR run_id = ?)
            """, [item, release.stage, release.holder, release.runID, release.runID])
        if released { return .leaseReleased }
        return .leaseNotHeld(current: try currentLease(item: item, stage: release.stage)?.lease)
    }

    /// The lease row on `(item, stage)`, with its expiry as stored text for exact comparison.
    private func currentLease(item: Int64, stage: String) throws -> (lease: LeaseHolder, expiresText: String)? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT holder, run_id, expires_at FROM leases WHERE work_item = ? AND stage = ?",
                arguments: [item, stage])
        else { return nil }
        let expiresText: String = row["expires_at"]
        let lease = LeaseHolder(
            holder: row["holder"], runID: row["run_id"],
            expiresAt: StateTimestamp.date(expiresText) ?? .distantPast)
        return (lease, expiresText)
    }
}
