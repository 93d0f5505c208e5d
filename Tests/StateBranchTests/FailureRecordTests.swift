import Foundation
import GRDB
import Store
import Testing

@testable import StateBranch

@Suite("Supervisor failures, remediations and incidents in state")
struct FailureRecordTests {
    static let item = WorkItemKey(repository: "octo/repo", number: 7, kind: "issue")
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    static func failure(_ index: Int, run: String = "r1", action: String, result: String, incident: Bool = false)
        -> FailureRecord
    {
        FailureRecord(
            idempotencyKey: "\(run):failure:\(index)", runID: run, attemptID: "\(run)#1.\(index)", workItem: item,
            stage: "dev", failureClass: "infra", confidence: 0.9, signature: "infra|http_status=502",
            signalsJSON: #"[{"kind":"http_status","value":"502"}]"#, summary: "The forge was unavailable.",
            action: action, mode: "live", result: result, reason: "transient", durationSeconds: 1.5,
            at: at.addingTimeInterval(Double(index)),
            incident: incident ? .init(path: "incidents/7/\(run).md", markdown: "---\ntype: incident\n---\n") : nil)
    }

    static func start(_ run: String, at offset: Double) -> StateChange {
        .startRun(
            RunStart(
                runID: run, workItem: item, stage: "dev", mode: "run", actor: "octocat",
                at: at.addingTimeInterval(offset)))
    }

    @Test("a failure records its remediation and incident once; replaying it and its JSON round trip change nothing")
    func recordsOnce() async throws {
        let database = try await StateDatabase.inMemory()
        let records: [StateChange] = [
            .recordFailure(Self.failure(1, action: "backoff_retry", result: "failed_again")),
            .recordFailure(Self.failure(2, action: "escalate", result: "escalated", incident: true)),
        ]
        let decoded = try JSONDecoder().decode([StateChange].self, from: try JSONEncoder().encode(records))
        #expect(decoded == records)
        #expect(records[1].branchFiles.keys.sorted() == ["incidents/7/r1.md"])
        let outcomes = try await database.write { db in
            try StateChangeApplier(db: db).apply([Self.start("r1", at: 0)] + records)
        }
        #expect(outcomes == [.applied, .applied, .applied])
        let replayed = try await database.write { db in try StateChangeApplier(db: db).apply(decoded) }
        #expect(replayed == [.alreadyRecorded, .alreadyRecorded])
        let counts = try await database.read { db in
            try ["failures", "remediations", "incident_reports"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
            }
        }
        #expect(counts == [2, 2, 1])
    }

    @Test("the episode starts after the stage's last escalation, and a run's own time is left out")
    func episodeAfterEscalation() async throws {
        let database = try await StateDatabase.inMemory()
        var changes: [StateChange] = [Self.start("r1", at: 0)]
        changes.append(.recordFailure(Self.failure(1, action: "escalate", result: "escalated", incident: true)))
        changes.append(.finishRun(RunFinish(runID: "r1", status: .failed, outcome: "fail", at: Self.at + 60)))
        changes.append(Self.start("r2", at: 100))
        changes.append(.recordFailure(Self.failure(101, run: "r2", action: "redispatch", result: "not_available")))
        changes.append(.finishRun(RunFinish(runID: "r2", status: .failed, outcome: "fail", at: Self.at + 130)))
        changes.append(Self.start("r3", at: 200))
        let batch = changes
        _ = try await database.write { db in try StateChangeApplier(db: db).apply(batch) }

        let episode = try await database.supervision(of: Self.item, stage: "dev", excludingRun: "r3")
        #expect(episode.failures.map(\.runID) == ["r2"])
        #expect(episode.failures.map(\.action) == ["redispatch"])
        #expect(abs(episode.earlierRunSeconds - 30) < 0.01, "\(episode.earlierRunSeconds)")
        let metrics = try await database.supervisionMetrics()
        #expect(metrics.map(\.stage) == ["dev"])
        #expect(metrics.first?.failures == 2 && metrics.first?.escalations == 1 && metrics.first?.finishedRuns == 2)
    }
}
