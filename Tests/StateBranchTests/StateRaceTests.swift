import ConveyorTestSupport
import Foundation
import Git
import StateBranch
import Testing

@Suite("Lost push races are replayed, never overwritten", .timeLimit(.minutes(2)))
struct StateRaceTests {
    @Test("another writer pushes between our fetch and our push: we fetch again, replay, and both changes survive")
    func forcedConflictIsReplayed() async throws {
        try await StateFixture.with { fixture in
            _ = try await fixture.store().apply(StateFixture.completeRun("run-0"), message: "state: run-0")
            let marker = fixture.scratch.appending("paused")
            let slow = try fixture.store(pauseBeforePush: marker)
            let pending = Task { try await slow.apply(StateFixture.completeRun("run-slow"), message: "state: slow") }

            try await StateFixture.waitForFile(marker)
            let fast = try await fixture.store().apply(StateFixture.completeRun("run-fast"), message: "state: fast")
            try FileManager.default.removeItem(at: marker)
            try await StateFixture.waitForFile(marker)
            try FileManager.default.removeItem(at: marker)
            let slowResult = try await pending.value

            #expect(slowResult.attempts == 2)
            #expect(slowResult.base == fast.commit)
            #expect(try await fixture.recordedRuns() == ["run-0", "run-fast", "run-slow"])
            let history = try fixture.cliHistory()
            #expect(history.count == 3)
            #expect(history.allSatisfy { $0.count <= 2 }, "a merge commit: \(history)")
            #expect(history.first?.first == slowResult.commit?.description)
        }
    }

    @Test("a writer that lost a race is folded into the next winner's commit, and then has nothing left to push")
    func lostBatchIsFoldedByTheNextWinner() async throws {
        try await StateFixture.with { fixture in
            let result = try await Self.loseOnceThenBeFolded(StateFixture.completeRun("run-loser"), in: fixture)
            #expect(result.commit == nil, "its changes were already on the branch")
            #expect(result.attempts == 3)
            #expect(result.outcomes == [.alreadyRecorded, .alreadyRecorded])
            #expect(try fixture.cliHistory().count == 2)
        }
    }

    @Test("a lost claim stamped finer than a millisecond is folded by the next winner; its owner has nothing to push")
    func foldedClaimIsANoOpForItsOwner() async throws {
        // A clock reading whose lease expiry, computed at full precision, differs in its last millisecond from the
        // expiry computed from the reading as a shared batch stores it (to the millisecond): about half of them.
        let ttl = 600
        let stamped = try #require(
            (0..<1_000).lazy.map { Date(timeIntervalSince1970: 1_800_000_000.000_456_7 + Double($0) * 0.0137) }
                .first { now in
                    let stored = StateTimestamp.date(StateTimestamp.text(now)) ?? now
                    return StateTimestamp.text(now.addingTimeInterval(Double(ttl)))
                        != StateTimestamp.text(stored.addingTimeInterval(Double(ttl)))
                })
        try await StateFixture.with { fixture in
            let claim = StateFixture.claim("run-loser", holder: "job-1", ttl: ttl, now: stamped)
            let result = try await Self.loseOnceThenBeFolded(claim, in: fixture)
            #expect(result.commit == nil, "the claim was already on the branch, folded by the second writer")
            #expect(try fixture.cliHistory().count == 2)
        }
    }

    /// Applies `changes` (recording run `run-loser`) in a writer that loses its first push to a writer recording
    /// `run-first`, shares its batch, and is folded by a second writer recording `run-second` before it pushes
    /// again; returns the loser's result.
    private static func loseOnceThenBeFolded(
        _ changes: [StateChange], in fixture: StateFixture
    ) async throws -> StateCommitResult {
        let marker = fixture.scratch.appending("paused")
        let loser = try fixture.store(pauseBeforePush: marker)
        let pending = Task { try await loser.apply(changes, message: "state: loser") }
        try await StateFixture.waitForFile(marker)
        _ = try await fixture.store().apply(StateFixture.completeRun("run-first"), message: "first")
        try FileManager.default.removeItem(at: marker)
        // The loser lost, shared its batch, and is about to push again: the next writer folds the batch in.
        try await StateFixture.waitForFile(marker)
        #expect(try fixture.sharedBatches().count == 1)
        let folder = try await fixture.store().apply(StateFixture.completeRun("run-second"), message: "second")
        #expect(folder.commit != nil)
        #expect(try await fixture.recordedRuns() == ["run-first", "run-loser", "run-second"])
        #expect(try fixture.sharedBatches().isEmpty, "the winner deletes the batches it folded")
        try FileManager.default.removeItem(at: marker)
        return try await pending.value
    }

    @Test("a writer that loses more than ten races in a row (its claim not foldable) keeps trying, and wins")
    func manyLostRacesWithinTheDeadlineStillPublish() async throws {
        try await StateFixture.with { fixture in
            let marker = fixture.scratch.appending("paused")
            // A fold margin as long as the deadline: no other writer may fold this claim, so it must win a race.
            let loser = try fixture.store(
                deadline: .seconds(120), pauseBeforePush: marker, claimFoldMargin: .seconds(120))
            let pending = Task {
                try await loser.apply(StateFixture.claim("run-loser", holder: "job-1"), message: "state: loser")
            }
            for round in 1...12 {
                try await StateFixture.waitForFile(marker)
                _ = try await fixture.store().apply(StateFixture.completeRun("run-mover-\(round)"), message: "mover")
                try FileManager.default.removeItem(at: marker)
            }
            try await StateFixture.waitForFile(marker)
            try FileManager.default.removeItem(at: marker)
            let result = try await pending.value
            #expect(result.attempts == 13)
            #expect(try await fixture.recordedRuns().count == 13)
        }
    }

    @Test("past the deadline, the changes go to a pending file that `replay` applies later")
    func deadlinePassedWritesPendingFile() async throws {
        try await StateFixture.with { fixture in
            let marker = fixture.scratch.appending("paused")
            let loser = try fixture.store(deadline: .zero, pauseBeforePush: marker, label: "run 77/1")
            let changes = StateFixture.completeRun("run-loser")
            let pending = Task { try await loser.apply(changes, message: "state: loser") }
            for round in 1...1 {
                try await StateFixture.waitForFile(marker)
                _ = try await fixture.store().apply(StateFixture.completeRun("run-mover-\(round)"), message: "mover")
                try FileManager.default.removeItem(at: marker)
            }
            let error = await #expect(throws: StateBranchError.self) { try await pending.value }
            #expect(error?.code == .notPublished)
            let file = try #require(error?.pendingFile)
            #expect(file.lastPathComponent == "conveyor-pending-state-run-77-1.json")
            #expect(error?.message.contains("conveyor state replay \(file.path)") == true)
            #expect(error?.message.contains(fixture.token) == false)
            #expect(error?.message.contains("CONVEYOR_STATE_DEADLINE_MINUTES") == true)
            #expect(try await fixture.recordedRuns() == ["run-mover-1"])

            let saved = try PendingStateFile.read(from: file)
            #expect(saved.changes == changes)
            #expect(saved.branch == "conveyor/state")
            let replayed = try await fixture.store().apply(saved.changes, message: saved.message)
            #expect(replayed.commit != nil)
            #expect(try await fixture.recordedRuns() == ["run-loser", "run-mover-1"])
        }
    }

    @Test("a claim that cannot be pushed is not saved: its job did nothing, and no replay can invent a started run")
    func unpublishedClaimIsNotSaved() async throws {
        try await StateFixture.with { fixture in
            let marker = fixture.scratch.appending("paused")
            let loser = try fixture.store(deadline: .zero, pauseBeforePush: marker)
            let claim = StateFixture.claim("run-claim", holder: "job-1")
            let pending = Task { try await loser.apply(claim, message: "claim") }
            try await StateFixture.waitForFile(marker)
            _ = try await fixture.store().apply(StateFixture.completeRun("run-mover"), message: "mover")
            try FileManager.default.removeItem(at: marker)
            let error = await #expect(throws: StateBranchError.self) { try await pending.value }
            #expect(error?.code == .notClaimed)
            #expect(error?.pendingFile == nil)
            #expect(error?.message.contains("Nothing was done") == true)
            let saved = try? FileManager.default.contentsOfDirectory(atPath: fixture.scratch.appending("pending").path)
            #expect(saved?.isEmpty ?? true, "\(saved ?? [])")
            #expect(try await fixture.recordedRuns() == ["run-mover"])

            let old = PendingStateFile(
                remote: "http://127.0.0.1/state.git", branch: "conveyor/state", file: "state.sqlite",
                message: "claim", reason: "rejected", savedAt: StateFixture.t0, changes: claim)
            #expect(old.isAbandonedClaim, "a claim saved by an earlier build is discarded by `state replay`")
            let finished = PendingStateFile(
                remote: old.remote, branch: old.branch, file: old.file, message: "all", reason: "rejected",
                savedAt: StateFixture.t0, changes: claim + StateFixture.completeRun("run-claim").suffix(1))
            #expect(!finished.isAbandonedClaim)
        }
    }

    @Test("a push refused by the remote's hook is not retried; the changes are saved and replayable")
    func hookRefusalWritesPendingFile() async throws {
        try await StateFixture.with { fixture in
            let hook = fixture.bare.appendingPathComponent("hooks/pre-receive")
            try Data("#!/bin/sh\necho 'state branch is frozen' >&2\nexit 1\n".utf8).write(to: hook)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

            let changes = StateFixture.completeRun("run-1")
            let error = await #expect(throws: StateBranchError.self) {
                try await fixture.store().apply(changes, message: "state: run-1")
            }
            #expect(error?.code == .notPublished)
            #expect(error?.message.contains("after 1 attempt") == true, "\(error?.message ?? "")")
            #expect(try fixture.cliTip() == nil)

            try FileManager.default.removeItem(at: hook)
            let file = try #require(error?.pendingFile)
            let saved = try PendingStateFile.read(from: file)
            _ = try await fixture.store().apply(saved.changes, message: saved.message)
            #expect(try await fixture.recordedRuns() == ["run-1"])
        }
    }
}
