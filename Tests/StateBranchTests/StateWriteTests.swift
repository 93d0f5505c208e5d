import ConveyorTestSupport
import Foundation
import Git
import StateBranch
import Testing

@Suite("Writing state on the branch", .timeLimit(.minutes(2)))
struct StateWriteTests {
    @Test("the first write creates the branch as an orphan commit; the next builds on it")
    func firstAndSecondWrite() async throws {
        try await StateFixture.with { fixture in
            let first = try await fixture.store().apply(
                StateFixture.completeRun("run-1"), message: "state: record run-1")
            let firstCommit = try #require(first.commit)
            #expect(first.base == nil)
            #expect(first.outcomes == [.applied, .applied])
            #expect(try fixture.cliHistory() == [[firstCommit.description]])

            let second = try await fixture.store().apply(
                StateFixture.completeRun("run-2"), message: "state: record run-2")
            let secondCommit = try #require(second.commit)
            #expect(second.base == firstCommit)
            #expect(
                try fixture.cliHistory() == [
                    [secondCommit.description, firstCommit.description], [firstCommit.description],
                ])
            #expect(
                try GitCLI.run(["-C", fixture.bare.path, "log", "-1", "--format=%s", "conveyor/state"])
                    == "state: record run-2")
            #expect(try await fixture.recordedRuns() == ["run-1", "run-2"])
            let fsck = try GitCLI.attempt(["-C", fixture.bare.path, "fsck", "--strict", "--no-progress"])
            #expect(fsck.succeeded, "\(fsck.stderr)")
        }
    }

    @Test("the same changes applied twice leave one row and push nothing the second time")
    func idempotentReplay() async throws {
        try await StateFixture.with { fixture in
            let changes =
                StateFixture.completeRun("run-1") + [
                    .appendFlowEvent(
                        FlowEventRecord(
                            idempotencyKey: "run-1:label", correlationID: "run-1", workItem: StateFixture.item,
                            actorType: "conveyor", eventType: "label.removed", payloadJSON: #"{"label":"run:dev"}"#,
                            at: StateFixture.t0))
                ]
            let first = try await fixture.store().apply(changes, message: "state: run-1")
            #expect(first.commit != nil)
            let replay = try await fixture.store().apply(changes, message: "state: run-1 again")
            #expect(replay.commit == nil)
            #expect(replay.outcomes == [.alreadyRecorded, .alreadyRecorded, .alreadyRecorded])
            #expect(try fixture.cliHistory().count == 1)

            let snapshot = try await StateSnapshot.fetch(try fixture.location())
            let counts = try await snapshot.database.tableCounts()
            try await snapshot.close()
            let rows = Dictionary(uniqueKeysWithValues: counts.map { ($0.table, $0.rows) })
            #expect(rows["runs"] == 1 && rows["flow_events"] == 1 && rows["work_items"] == 1, "\(rows)")
        }
    }

    @Test("a change naming an unrecorded run fails, and is saved to a pending file instead of being lost")
    func unknownRunIsSavedAsPending() async throws {
        try await StateFixture.with { fixture in
            let finish = StateChange.finishRun(RunFinish(runID: "ghost", status: .failed, at: StateFixture.t0))
            let error = await #expect(throws: StateBranchError.self) {
                try await fixture.store().apply([finish], message: "state: finish ghost")
            }
            #expect(error?.code == .notPublished)
            #expect(error?.message.contains("ghost") == true)
            let file = try #require(error?.pendingFile)
            #expect(try PendingStateFile.read(from: file).changes == [finish])
            #expect(try fixture.cliTip() == nil)
        }
    }
}
