import GRDB

extension StateSchema {
    /// Migration `v1_state_tables`: the tables of DESIGN §5.
    ///
    /// Conventions for every table:
    /// - metadata only: logs and transcripts live in gzip files beside the database, referenced by
    ///   path and SHA-256;
    /// - times are UTC ISO 8601 text (`2026-01-31T12:00:00.000Z`), readable in `git diff` of a dump;
    /// - open vocabularies (stage, mode, status) are plain text without CHECK, so a later binary can add
    ///   values without rebuilding a table;
    /// - rows a rerun may write twice carry a UNIQUE natural or idempotency key, so a replay after a
    ///   rejected push is an `INSERT … ON CONFLICT DO NOTHING`, never a duplicate.
    @Sendable static func createVersion1(_ db: Database) throws {
        try createWorkTables(db)
        try createRecordTables(db)
        try createMigrationView(db)
    }

    /// `work_items`, `runs`, `attempts`, `leases`, `checkpoints`: what is being moved and who holds it.
    private static func createWorkTables(_ db: Database) throws {
        // One issue or pull request that moves through the pipeline.
        try db.execute(
            sql: """
                CREATE TABLE work_items (
                    id INTEGER PRIMARY KEY,
                    repository TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    number INTEGER NOT NULL CHECK (number > 0),
                    title TEXT NOT NULL DEFAULT '',
                    profile TEXT,
                    current_stage TEXT,
                    stage_state TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    UNIQUE (repository, number)
                )
                """)
        // One accepted trigger of one stage on one work item (a label, a dispatch, a comment command).
        try db.execute(
            sql: """
                CREATE TABLE runs (
                    run_id TEXT PRIMARY KEY NOT NULL,
                    work_item INTEGER NOT NULL REFERENCES work_items (id),
                    stage TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    trigger_source TEXT,
                    trigger_actor TEXT,
                    status TEXT NOT NULL,
                    outcome TEXT,
                    started_at TEXT NOT NULL,
                    ended_at TEXT
                );
                CREATE INDEX runs_by_work_item ON runs (work_item, stage, started_at);
                """)
        // One execution of a run by an Actions job; automatic reruns add attempts to the same run.
        try db.execute(
            sql: """
                CREATE TABLE attempts (
                    attempt_id TEXT PRIMARY KEY NOT NULL,
                    run_id TEXT NOT NULL REFERENCES runs (run_id),
                    number INTEGER NOT NULL CHECK (number >= 1),
                    forge_run_id TEXT,
                    forge_run_attempt INTEGER,
                    runner TEXT,
                    status TEXT NOT NULL,
                    failure_class TEXT,
                    started_at TEXT NOT NULL,
                    ended_at TEXT,
                    UNIQUE (run_id, number)
                )
                """)
        // The claim on (work item, stage): at most one holder, taken by compare-and-swap push of this file.
        try db.execute(
            sql: """
                CREATE TABLE leases (
                    work_item INTEGER NOT NULL REFERENCES work_items (id),
                    stage TEXT NOT NULL,
                    holder TEXT NOT NULL,
                    run_id TEXT NOT NULL REFERENCES runs (run_id),
                    acquired_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    PRIMARY KEY (work_item, stage)
                ) WITHOUT ROWID;
                CREATE INDEX leases_by_expiry ON leases (expires_at);
                """)
        // One external side effect, recorded before ('started') and after ('done') it happens, so a
        // rerun resumes after it instead of repeating it.
        try db.execute(
            sql: """
                CREATE TABLE checkpoints (
                    idempotency_key TEXT PRIMARY KEY NOT NULL,
                    run_id TEXT NOT NULL REFERENCES runs (run_id),
                    attempt_id TEXT REFERENCES attempts (attempt_id),
                    step TEXT NOT NULL,
                    state TEXT NOT NULL,
                    external_ref TEXT,
                    started_at TEXT NOT NULL,
                    completed_at TEXT
                );
                CREATE INDEX checkpoints_by_run ON checkpoints (run_id, step);
                """)
    }

    /// The `schema_migrations` view: DESIGN §5's name for GRDB's `grdb_migrations` table.
    private static func createMigrationView(_ db: Database) throws {
        try db.execute(
            sql: "CREATE VIEW schema_migrations AS SELECT identifier AS version FROM grdb_migrations")
    }
}
