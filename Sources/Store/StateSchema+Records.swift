import GRDB

extension StateSchema {
    /// The append-mostly tables of v1: the audit log, agent sessions and usage, gate verdicts, documents,
    /// links and owner interactions.
    static func createRecordTables(_ db: Database) throws {
        // The audit log: forge events seen, labels moved, comments posted, approvals. Append-only.
        try db.execute(
            sql: """
                CREATE TABLE flow_events (
                    id INTEGER PRIMARY KEY,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    occurred_at TEXT NOT NULL,
                    correlation_id TEXT NOT NULL,
                    work_item INTEGER REFERENCES work_items (id),
                    actor_type TEXT NOT NULL,
                    actor_id TEXT,
                    event_type TEXT NOT NULL,
                    payload_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload_json))
                );
                CREATE INDEX flow_events_by_work_item ON flow_events (work_item, occurred_at);
                CREATE INDEX flow_events_by_correlation ON flow_events (correlation_id);
                CREATE TRIGGER flow_events_no_update BEFORE UPDATE ON flow_events
                BEGIN SELECT RAISE(ABORT, 'flow_events is append-only'); END;
                CREATE TRIGGER flow_events_no_delete BEFORE DELETE ON flow_events
                BEGIN SELECT RAISE(ABORT, 'flow_events is append-only'); END;
                """)
        // One agent CLI invocation within an attempt; the redacted transcript is a gzip file beside the DB.
        try db.execute(
            sql: """
                CREATE TABLE agent_sessions (
                    session_id TEXT PRIMARY KEY NOT NULL,
                    attempt_id TEXT NOT NULL REFERENCES attempts (attempt_id),
                    role TEXT NOT NULL,
                    agent TEXT NOT NULL,
                    model TEXT,
                    reasoning_effort TEXT,
                    agent_thread_id TEXT,
                    status TEXT NOT NULL,
                    log_path TEXT,
                    log_sha256 TEXT,
                    started_at TEXT NOT NULL,
                    ended_at TEXT
                );
                CREATE INDEX agent_sessions_by_attempt ON agent_sessions (attempt_id);
                """)
        // Tokens and cost per session turn, as reported by the agent's JSON output.
        try db.execute(
            sql: """
                CREATE TABLE token_usage (
                    session_id TEXT NOT NULL REFERENCES agent_sessions (session_id),
                    turn INTEGER NOT NULL CHECK (turn >= 0),
                    model TEXT NOT NULL,
                    input_tokens INTEGER NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
                    cached_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cached_tokens >= 0),
                    output_tokens INTEGER NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
                    total_tokens INTEGER NOT NULL DEFAULT 0 CHECK (total_tokens >= 0),
                    cost_usd REAL CHECK (cost_usd >= 0),
                    recorded_at TEXT NOT NULL,
                    PRIMARY KEY (session_id, turn)
                ) WITHOUT ROWID
                """)
        // One check of a stage gate in one attempt: pass, fail or needs_input, with the reason.
        try db.execute(
            sql: """
                CREATE TABLE gate_results (
                    id INTEGER PRIMARY KEY,
                    attempt_id TEXT NOT NULL REFERENCES attempts (attempt_id),
                    gate TEXT NOT NULL,
                    check_name TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    reason TEXT,
                    evaluated_at TEXT NOT NULL,
                    UNIQUE (attempt_id, gate, check_name)
                )
                """)
        // The frontmatter of each artifact, refreshed by every scan; `content_sha256` identifies the text.
        try db.execute(
            sql: """
                CREATE TABLE docs_meta (
                    doc_id TEXT PRIMARY KEY NOT NULL,
                    path TEXT NOT NULL,
                    work_item INTEGER REFERENCES work_items (id),
                    type TEXT NOT NULL,
                    title TEXT,
                    status TEXT NOT NULL,
                    owner_role TEXT,
                    stage TEXT,
                    version TEXT,
                    content_sha256 TEXT,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX docs_meta_by_work_item ON docs_meta (work_item, stage);
                CREATE INDEX docs_meta_by_path ON docs_meta (path);
                """)
        // Typed edges between issues, PRs, documents and releases (related, supersedes, implements…).
        try db.execute(
            sql: """
                CREATE TABLE links (
                    src_type TEXT NOT NULL,
                    src_id TEXT NOT NULL,
                    dst_type TEXT NOT NULL,
                    dst_id TEXT NOT NULL,
                    link_type TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (src_type, src_id, link_type, dst_type, dst_id)
                ) WITHOUT ROWID;
                CREATE INDEX links_by_destination ON links (dst_type, dst_id);
                """)
        // A durable question or approval request to the owner, answered by a forge action in a later job.
        try db.execute(
            sql: """
                CREATE TABLE interactions (
                    id INTEGER PRIMARY KEY,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    work_item INTEGER NOT NULL REFERENCES work_items (id),
                    run_id TEXT REFERENCES runs (run_id),
                    kind TEXT NOT NULL,
                    question TEXT NOT NULL,
                    options_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(options_json)),
                    status TEXT NOT NULL,
                    answer TEXT,
                    answered_by TEXT,
                    answered_at TEXT,
                    comment_id TEXT,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX interactions_by_work_item ON interactions (work_item, status);
                """)
    }
}
