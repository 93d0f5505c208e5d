import GRDB
import Store

extension StateDatabase {
    /// What the finished (`done`) checkpoints of `step` recorded on one work item's runs, newest first: e.g. the
    /// status comment's id for `status-comment`, the pull request's number for `pull-request`.
    ///
    /// State is written only by Conveyor, so these name the forge objects Conveyor itself made, which is how a
    /// later run recognises them whatever identity the forge token has.
    public func recordedRefs(step: String, on workItem: WorkItemKey) async throws -> [String] {
        try await read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT c.external_ref FROM checkpoints c
                    JOIN runs r ON r.run_id = c.run_id JOIN work_items w ON w.id = r.work_item
                    WHERE w.repository = ? AND w.number = ? AND c.step = ? AND c.state = 'done'
                        AND c.external_ref IS NOT NULL
                    ORDER BY c.started_at DESC, c.rowid DESC
                    """, arguments: [workItem.repository, workItem.number, step])
        }
    }
}
