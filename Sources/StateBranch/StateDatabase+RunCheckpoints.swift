import GRDB
import Store

extension StateDatabase {
    /// What the newest finished (`done`) checkpoint of `step` in run `runID` recorded, e.g. the commit a `push`
    /// put on the work branch; nil when the run never finished that step (or recorded nothing for it).
    public func doneReference(of step: String, inRun runID: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT external_ref FROM checkpoints
                    WHERE run_id = ? AND step = ? AND state = 'done' AND external_ref IS NOT NULL
                    ORDER BY started_at DESC, rowid DESC LIMIT 1
                    """, arguments: [runID, step])
        }
    }
}
