import GRDB

extension StateSchema {
    /// Migration `v2_flows`: the `flows` table, where every instance of a time-based flow (the release train, the
    /// heartbeat's own chores) keeps its current state.
    ///
    /// One row per `(flow, instance)`, e.g. `('release-train', '2026-W49')`. `state` is the flow's state name,
    /// `data_json` what its later steps need (the version, the ids of the comments it edits, a readiness map),
    /// `revision` counts its saved transitions so that a replayed save never moves a flow backwards, and
    /// `next_check_at` is when the heartbeat next needs to look at it (NULL: at every tick). Every transition is
    /// also appended to `flow_events` (`event_type` `flow.transition`), so the history stays in the audit log.
    @Sendable static func createFlowTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE flows (
                    flow TEXT NOT NULL,
                    instance TEXT NOT NULL,
                    state TEXT NOT NULL,
                    revision INTEGER NOT NULL CHECK (revision >= 0),
                    data_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data_json)),
                    started_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    next_check_at TEXT,
                    closed_at TEXT,
                    PRIMARY KEY (flow, instance)
                ) WITHOUT ROWID;
                CREATE INDEX flows_open ON flows (flow, closed_at, next_check_at);
                """)
    }
}
