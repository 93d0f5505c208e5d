import Foundation
import GRDB
import Store
import Testing

@testable import StateBranch

@Suite("Gate results in state")
struct GateResultTests {
    static let item = WorkItemKey(repository: "octo/repo", number: 7, kind: "issue")
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    static func run(_ id: String, _ offset: TimeInterval, status: RunStatus, verdict: String, reasons: [String])
        -> [StateChange]
    {
        let when = at.addingTimeInterval(offset)
        return [
            .startRun(RunStart(runID: id, workItem: item, stage: "intake", mode: "run", actor: "octocat", at: when)),
            .recordGateResults(
                GateResultRecord(
                    runID: id, stage: "intake", verdict: verdict,
                    reasons: reasons.enumerated().map { .init(check: "check\($0.offset)", message: $0.element) },
                    at: when)),
            .finishRun(RunFinish(runID: id, status: status, outcome: verdict, at: when)),
        ]
    }

    @Test("#5 the last failed run's reasons come back in order; a replay adds no row; a pass clears them")
    func lastFailureReadsTheRecordedReasons() async throws {
        let database = try await StateDatabase.inMemory()
        let failed = Self.run("r1", 0, status: .failed, verdict: "fail", reasons: ["`a.md` is missing.", "Bad <b>."])
        let outcomes = try await database.write { db in try StateChangeApplier(db: db).apply(failed) }
        #expect(outcomes == [.applied, .applied, .applied])
        let replay = try await database.write { db in try StateChangeApplier(db: db).apply([failed[1]]) }
        #expect(replay == [.alreadyRecorded])

        let last = try await database.lastFailure(of: Self.item, stage: "intake", before: "r2")
        #expect(last?.runID == "r1")
        #expect(last?.reasons == ["`a.md` is missing.", "Bad <b>."])
        #expect(try await database.lastFailure(of: Self.item, stage: "vision", before: "r2") == nil)

        let passed = Self.run("r2", 60, status: .succeeded, verdict: "pass", reasons: [])
        _ = try await database.write { db in try StateChangeApplier(db: db).apply(passed) }
        #expect(try await database.lastFailure(of: Self.item, stage: "intake", before: "r3") == nil)
        #expect(try await database.lastFailure(of: Self.item, stage: "intake", before: "r2")?.runID == "r1")
    }

    @Test func aRunThatFailedBeforeItsGateReportsItsError() async throws {
        let database = try await StateDatabase.inMemory()
        let when = Self.at
        _ = try await database.write { db in
            try StateChangeApplier(db: db).apply([
                .startRun(
                    RunStart(runID: "r1", workItem: Self.item, stage: "intake", mode: "run", actor: "o", at: when)),
                .finishRun(RunFinish(runID: "r1", status: .failed, outcome: "clone failed", at: when)),
            ])
        }
        #expect(
            try await database.lastFailure(of: Self.item, stage: "intake", before: "r2")?.reasons == ["clone failed"])
    }

    @Test func theRecordSurvivesAPendingFileRoundTrip() throws {
        let change = Self.run("r1", 0, status: .failed, verdict: "fail", reasons: ["x"])[1]
        let data = try StateJSON.encoder().encode(change)
        #expect(String(decoding: data, as: UTF8.self).contains("recordGateResults"))
        #expect(try StateJSON.decoder().decode(StateChange.self, from: data) == change)
    }
}
