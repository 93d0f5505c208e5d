import GRDB

extension StateSchema {
    /// Migration `v2_supervisor`: what the self-healing supervisor records (ADR 0017, research S004-09…14).
    ///
    /// - `failures`: one classified failed attempt of a run: its class (`infra`, `env`, `data`, `flaky`, `product`,
    ///   `automation`, `policy`, `unknown`), the classifier's confidence (0…1), a signature that stays the same when
    ///   the same thing fails again, and the signals it used as a JSON array.
    /// - `remediations`: what the supervisor did, or in shadow mode would have done, about one failure, and how it
    ///   ended. Live remediations of a stage are what `max_auto_reruns` counts across jobs.
    /// - `incident_reports`: an escalation, with the path of its Markdown report on the state branch.
    ///
    /// Work item and stage are stored on `failures` so the limits of one stage are one indexed query.
    @Sendable static func createSupervisorTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE failures (
                    id INTEGER PRIMARY KEY,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    run_id TEXT NOT NULL REFERENCES runs (run_id),
                    attempt_id TEXT NOT NULL,
                    work_item INTEGER NOT NULL REFERENCES work_items (id),
                    stage TEXT NOT NULL,
                    class TEXT NOT NULL,
                    confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
                    signature TEXT NOT NULL,
                    signals_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(signals_json)),
                    summary TEXT NOT NULL DEFAULT '',
                    occurred_at TEXT NOT NULL
                );
                CREATE INDEX failures_by_stage ON failures (work_item, stage, occurred_at);
                CREATE INDEX failures_by_run ON failures (run_id);
                """)
        try db.execute(
            sql: """
                CREATE TABLE remediations (
                    id INTEGER PRIMARY KEY,
                    failure_id INTEGER NOT NULL UNIQUE REFERENCES failures (id),
                    action TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    result TEXT NOT NULL,
                    reason TEXT NOT NULL DEFAULT '',
                    duration_seconds REAL NOT NULL DEFAULT 0 CHECK (duration_seconds >= 0),
                    recorded_at TEXT NOT NULL
                )
                """)
        try db.execute(
            sql: """
                CREATE TABLE incident_reports (
                    id INTEGER PRIMARY KEY,
                    run_id TEXT NOT NULL UNIQUE REFERENCES runs (run_id),
                    failure_id INTEGER REFERENCES failures (id),
                    path TEXT NOT NULL,
                    created_at TEXT NOT NULL
                )
                """)
    }
}
