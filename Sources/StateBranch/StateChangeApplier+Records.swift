import Foundation
import GRDB

extension StateChangeApplier {
    /// Appends the event unless its idempotency key is already in the log.
    func appendFlowEvent(_ event: FlowEventRecord) throws -> StateChangeOutcome {
        let item = try event.workItem.map { try workItemID($0, at: event.at) }
        let changed = try execute(
            """
            INSERT INTO flow_events
                (idempotency_key, occurred_at, correlation_id, work_item, actor_type, actor_id, event_type, payload_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            [
                event.idempotencyKey, StateTimestamp.text(event.at), event.correlationID, item, event.actorType,
                event.actorID, event.eventType, event.payloadJSON,
            ])
        return outcome(changed: changed)
    }

    /// Inserts the checkpoint, or moves it out of `started`; a final checkpoint never changes.
    func recordCheckpoint(_ checkpoint: CheckpointRecord) throws -> StateChangeOutcome {
        try requireRun(checkpoint.runID, for: "checkpoint")
        let time = StateTimestamp.text(checkpoint.at)
        let isFinal = checkpoint.state != CheckpointRecord.started
        let changed = try execute(
            """
            INSERT INTO checkpoints (idempotency_key, run_id, step, state, external_ref, started_at, completed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (idempotency_key) DO UPDATE SET
                state = excluded.state,
                external_ref = coalesce(excluded.external_ref, checkpoints.external_ref),
                completed_at = excluded.completed_at
            WHERE checkpoints.state = ? AND excluded.state <> ?
            """,
            [
                checkpoint.idempotencyKey, checkpoint.runID, checkpoint.step, checkpoint.state, checkpoint.externalRef,
                time, isFinal ? time : nil, CheckpointRecord.started, CheckpointRecord.started,
            ])
        return outcome(changed: changed)
    }

    /// Appends a `trigger.denied` event whose payload holds the reason.
    func recordDenial(_ denial: DenialRecord) throws -> StateChangeOutcome {
        let payload = try JSONEncoder().encode(["reason": denial.reason])
        let event = FlowEventRecord(
            idempotencyKey: denial.idempotencyKey, correlationID: denial.correlationID, workItem: denial.workItem,
            actorType: "user", actorID: denial.actor, eventType: "trigger.denied",
            payloadJSON: String(decoding: payload, as: UTF8.self), at: denial.at)
        return try appendFlowEvent(event)
    }
}

extension StateChangeApplier {
    /// Inserts the attempt (once), the session and its usage; a session already recorded is left as it is.
    func recordAgentSession(_ session: AgentSessionRecord) throws -> StateChangeOutcome {
        try requireRun(session.runID, for: "recordAgentSession")
        let attemptID = "\(session.runID)#\(session.attemptNumber ?? session.attempt)"
        let started = StateTimestamp.text(session.startedAt)
        let ended = StateTimestamp.text(session.endedAt)
        _ = try execute(
            """
            INSERT INTO attempts (attempt_id, run_id, number, forge_run_id, forge_run_attempt, status, started_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (attempt_id) DO NOTHING
            """,
            [
                attemptID, session.runID, session.attemptNumber ?? session.attempt, session.forgeRunID,
                session.attempt, "started", started,
            ])
        let inserted = try execute(
            """
            INSERT INTO agent_sessions
                (session_id, attempt_id, role, agent, model, status, log_path, started_at, ended_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id) DO NOTHING
            """,
            [
                session.sessionID, attemptID, session.role, session.agent, session.model, session.status,
                session.logPath, started, ended,
            ])
        guard session.reportsUsage else { return outcome(changed: inserted) }
        let usage = try execute(
            """
            INSERT INTO token_usage
                (session_id, turn, model, input_tokens, cached_tokens, output_tokens, total_tokens, cost_usd,
                 recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id, turn) DO NOTHING
            """,
            [
                session.sessionID, session.turns ?? 0, session.model ?? session.agent, session.inputTokens,
                session.cachedTokens, session.outputTokens,
                session.inputTokens + session.cachedTokens + session.outputTokens, session.costUSD, ended,
            ])
        return outcome(changed: inserted || usage)
    }
}
