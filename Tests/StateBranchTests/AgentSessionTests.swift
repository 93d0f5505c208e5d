import Foundation
import GRDB
import Store
import Testing

@testable import StateBranch

@Suite("Agent sessions and token usage in state")
struct AgentSessionTests {
    static let item = WorkItemKey(repository: "octo/repo", number: 7, kind: "issue")
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    static func session(id: String, costUSD: Double?, input: Int, cached: Int = 19, output: Int = 86)
        -> AgentSessionRecord
    {
        AgentSessionRecord(
            sessionID: id, runID: "r1", attempt: 2, forgeRunID: "4242", role: "pm", agent: "claude",
            model: "claude-sonnet-4-5", status: "succeeded", logPath: "/runner/temp/conveyor-r1/agent-intake",
            turns: 3, inputTokens: input, cachedTokens: cached, outputTokens: output, costUSD: costUSD, startedAt: at,
            endedAt: at.addingTimeInterval(12))
    }

    @Test("a session adds its attempt, its row and its usage once; a pending file keeps it")
    func recordsOnce() async throws {
        let database = try await StateDatabase.inMemory()
        let start = StateChange.startRun(
            RunStart(runID: "r1", workItem: Self.item, stage: "intake", mode: "run", actor: "octocat", at: Self.at))
        let record = StateChange.recordAgentSession(Self.session(id: "s-1", costUSD: 0.0015, input: 460))
        let quiet = StateChange.recordAgentSession(
            Self.session(id: "s-2", costUSD: nil, input: 0, cached: 0, output: 0))
        let outcomes = try await database.write { db in try StateChangeApplier(db: db).apply([start, record, quiet]) }
        #expect(outcomes == [.applied, .applied, .applied])
        let replayed = try await database.write { db in try StateChangeApplier(db: db).apply([record]) }
        #expect(replayed == [.alreadyRecorded])

        let rows = try await database.read { db in
            (
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT s.session_id || ' ' || s.attempt_id || ' ' || s.agent || ' ' || s.model || ' '
                            || s.status || ' ' || a.number || ' ' || a.forge_run_id
                        FROM agent_sessions s JOIN attempts a USING (attempt_id) ORDER BY s.session_id
                        """),
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT session_id || ' ' || turn || ' ' || input_tokens || ' ' || cached_tokens || ' '
                            || output_tokens || ' ' || total_tokens || ' ' || cost_usd FROM token_usage
                        """)
            )
        }
        #expect(
            rows.0 == [
                "s-1 r1#2 claude claude-sonnet-4-5 succeeded 2 4242",
                "s-2 r1#2 claude claude-sonnet-4-5 succeeded 2 4242",
            ])
        // s-2 reported no usage; s-1's totals are cumulative through its third turn.
        #expect(rows.1 == ["s-1 3 460 19 86 565 0.0015"])

        let decoded = try JSONDecoder().decode(StateChange.self, from: try JSONEncoder().encode(record))
        #expect(decoded == record)
        try await database.close()
    }

    @Test("a session of an unrecorded run is refused")
    func needsTheRun() async throws {
        let database = try await StateDatabase.inMemory()
        await #expect(throws: StateBranchError.self) {
            try await database.write { db in
                try StateChangeApplier(db: db).apply([.recordAgentSession(Self.session(id: "s", costUSD: 1, input: 1))])
            }
        }
        try await database.close()
    }
}
