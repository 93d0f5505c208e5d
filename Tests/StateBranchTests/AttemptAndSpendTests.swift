import Foundation
import GRDB
import Store
import Testing

@testable import StateBranch

@Suite("Attempts of a run, and spend summed from token usage")
struct AttemptAndSpendTests {
    static let item = WorkItemKey(repository: "octo/repo", number: 7, kind: "issue")
    static let other = WorkItemKey(repository: "octo/repo", number: 8, kind: "issue")
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    static func attempt(_ number: Int, _ status: String, failureClass: String? = nil, ended: Bool = true)
        -> StateChange
    {
        .recordAttempt(
            AttemptRecord(
                runID: "r1", number: number, forgeRunID: "4242", forgeRunAttempt: 1, status: status,
                failureClass: failureClass, startedAt: at, endedAt: ended ? at.addingTimeInterval(30) : nil))
    }

    static func session(_ id: String, run: String, attemptNumber: Int?, cost: Double, tokens: Int, at: Date)
        -> StateChange
    {
        var record = AgentSessionRecord(
            sessionID: id, runID: run, attempt: 1, forgeRunID: "4242", role: "dev", agent: "claude", model: "m",
            status: "succeeded", logPath: nil, turns: 2, inputTokens: tokens, cachedTokens: 0, outputTokens: 0,
            costUSD: cost, startedAt: at, endedAt: at)
        record.attemptNumber = attemptNumber
        return .recordAgentSession(record)
    }

    @Test("each dev attempt is a row; recording it again updates its status, and a replay changes nothing")
    func attemptsAreRows() async throws {
        let database = try await StateDatabase.inMemory()
        let start = StateChange.startRun(
            RunStart(runID: "r1", workItem: Self.item, stage: "dev", mode: "run", actor: "octocat", at: Self.at))
        let first = Self.attempt(1, "failed", failureClass: "product")
        let second = Self.attempt(2, "ci_pending", ended: false)
        let outcomes = try await database.write { db in
            try StateChangeApplier(db: db).apply([start, first, second, Self.attempt(2, "passed")])
        }
        #expect(outcomes == [.applied, .applied, .applied, .applied])
        let replayed = try await database.write { db in try StateChangeApplier(db: db).apply([first]) }
        #expect(replayed == [.alreadyRecorded])
        let rows = try await database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT attempt_id || ' ' || number || ' ' || status || ' ' || coalesce(failure_class, '-') || ' '
                        || (ended_at IS NOT NULL) FROM attempts ORDER BY number
                    """)
        }
        #expect(rows == ["r1#1 1 failed product 1", "r1#2 2 passed - 1"])
        let decoded = try JSONDecoder().decode(StateChange.self, from: try JSONEncoder().encode(first))
        #expect(decoded == first)
        try await database.close()
    }

    @Test("spend sums sessions by stage, by work item and by day; a dev attempt's session joins its attempt")
    func spendIsSummed() async throws {
        let database = try await StateDatabase.inMemory()
        let yesterday = Self.at.addingTimeInterval(-86_400)
        let changes: [StateChange] = [
            .startRun(RunStart(runID: "r1", workItem: Self.item, stage: "dev", mode: "run", actor: "a", at: Self.at)),
            .startRun(RunStart(runID: "r2", workItem: Self.item, stage: "qa", mode: "run", actor: "a", at: Self.at)),
            .startRun(
                RunStart(runID: "r3", workItem: Self.other, stage: "dev", mode: "run", actor: "a", at: yesterday)),
            Self.session("s1", run: "r1", attemptNumber: 1, cost: 0.5, tokens: 1000, at: Self.at),
            Self.session("s2", run: "r1", attemptNumber: 2, cost: 0.25, tokens: 500, at: Self.at),
            Self.session("s3", run: "r2", attemptNumber: nil, cost: 1, tokens: 10, at: Self.at),
            Self.session("s4", run: "r3", attemptNumber: nil, cost: 4, tokens: 4, at: yesterday),
        ]
        _ = try await database.write { db in try StateChangeApplier(db: db).apply(changes) }
        #expect(try await database.spend(workItem: Self.item, stage: "dev") == Spend(usd: 0.75, tokens: 1500))
        #expect(try await database.spend(workItem: Self.item) == Spend(usd: 1.75, tokens: 1510))
        #expect(try await database.spend(since: Self.at.addingTimeInterval(-60)) == Spend(usd: 1.75, tokens: 1510))
        #expect(try await database.spend() == Spend(usd: 5.75, tokens: 1514))
        let attempts = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT attempt_id FROM agent_sessions WHERE session_id IN ('s1', 's2')")
        }
        #expect(attempts.sorted() == ["r1#1", "r1#2"])
        try await database.close()
    }
}
