import Foundation
import GRDB
import Store
import Testing

@testable import StateBranch

@Suite("State changes as data")
struct StateChangeTests {
    static let item = WorkItemKey(repository: "octo/repo", number: 7, kind: "pull_request")
    static let at = Date(timeIntervalSince1970: 1_800_000_000.125)

    static let everyKind: [StateChange] = [
        .upsertWorkItem(WorkItemUpdate(workItem: item, title: "Add login", currentStage: "dev", at: at)),
        .startRun(RunStart(runID: "r1", workItem: item, stage: "dev", mode: "run", actor: "octocat", at: at)),
        .claimLease(LeaseClaim(workItem: item, stage: "dev", holder: "job", runID: "r1", ttlSeconds: 60, now: at)),
        .checkpoint(
            CheckpointRecord(idempotencyKey: "r1:comment", runID: "r1", step: "publish", state: "started", at: at)),
        .appendFlowEvent(
            FlowEventRecord(idempotencyKey: "e1", correlationID: "r1", actorType: "conveyor", eventType: "x", at: at)),
        .recordDenial(
            DenialRecord(idempotencyKey: "d1", correlationID: "r1", actor: "mallory", reason: "no write", at: at)),
        .releaseLease(LeaseRelease(workItem: item, stage: "dev", holder: "job", runID: "r1")),
        .finishRun(RunFinish(runID: "r1", status: .succeeded, outcome: "pass", at: at)),
    ]

    @Test("every kind of change survives a pending-file round trip, keyed by its case name")
    func pendingRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pending-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pending = PendingStateFile(
            remote: "http://127.0.0.1:1/state.git", branch: "conveyor/state", file: "state.sqlite", message: "m",
            reason: "r", savedAt: Self.at, changes: Self.everyKind)
        let first = try pending.save(in: directory, label: "42")
        let second = try pending.save(in: directory, label: "42")
        #expect(first.lastPathComponent == "conveyor-pending-state-42.json")
        #expect(second.lastPathComponent == "conveyor-pending-state-42-2.json")
        #expect(try PendingStateFile.read(from: first) == pending)
        let text = try String(contentsOf: first, encoding: .utf8)
        #expect(text.contains(#""startRun" : {"#) && text.contains("2027-01-15T08:00:00.125Z"))
    }

    @Test("applied in one transaction; a final checkpoint never goes back; replays change nothing")
    func applyAndReplay() async throws {
        let database = try await StateDatabase.inMemory()
        let outcomes = try await database.write { db in try StateChangeApplier(db: db).apply(Self.everyKind) }
        #expect(outcomes.filter { $0 == .applied }.count == 6)
        #expect(outcomes.contains(.leaseReleased))

        let done = StateChange.checkpoint(
            CheckpointRecord(
                idempotencyKey: "r1:comment", runID: "r1", step: "publish", state: "done",
                externalRef: "comment-99", at: Self.at))
        let replay = try await database.write { db in
            let total = db.totalChangesCount
            let outcomes = try StateChangeApplier(db: db).apply([done] + Self.everyKind)
            return (outcomes, db.totalChangesCount - total)
        }
        #expect(replay.0.first == .applied)
        #expect(replay.1 == 1, "only the checkpoint moved: \(replay.0)")
        let checkpoint = try await database.read { db in
            try String.fetchOne(
                db, sql: "SELECT state || ' ' || external_ref FROM checkpoints WHERE idempotency_key = 'r1:comment'")
        }
        #expect(checkpoint == "done comment-99")
        try await database.close()
    }

    @Test("a work item update without a title keeps the recorded one and moves the state; its replay changes nothing")
    func untitledUpdateKeepsTheTitle() async throws {
        let database = try await StateDatabase.inMemory()
        let titled = StateChange.upsertWorkItem(
            WorkItemUpdate(
                workItem: Self.item, title: "Add login", currentStage: "dev", stageState: "running", at: Self.at))
        let ended = StateChange.upsertWorkItem(
            WorkItemUpdate(
                workItem: Self.item, title: "", currentStage: "dev", stageState: "in-review",
                at: Self.at.addingTimeInterval(60)))
        let outcomes = try await database.write { db in try StateChangeApplier(db: db).apply([titled, ended]) }
        #expect(outcomes == [.applied, .applied])
        let replay = try await database.write { db in try StateChangeApplier(db: db).apply([ended]) }
        #expect(replay == [.alreadyRecorded])
        let row = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT title || '|' || stage_state FROM work_items")
        }
        #expect(row == "Add login|in-review")
        try await database.close()
    }
}
