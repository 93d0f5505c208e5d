import ConveyorTestSupport
import Foundation
import StateBranch
import Testing

@Suite("Leases on (work item, stage)", .timeLimit(.minutes(2)))
struct LeaseTests {
    @Test("a live lease is held: the second claim is discarded whole and nothing is pushed")
    func liveLeaseIsHeld() async throws {
        try await StateFixture.with { fixture in
            let first = try await fixture.store().apply(StateFixture.claim("run-a", holder: "job-a"), message: "a")
            #expect(first.outcomes == [.applied, .leaseAcquired(expiresAt: StateFixture.t0.addingTimeInterval(600))])

            let second = try await fixture.store().apply(
                StateFixture.claim("run-b", holder: "job-b", now: StateFixture.t0.addingTimeInterval(30)),
                message: "b")
            let holder = LeaseHolder(
                holder: "job-a", runID: "run-a", expiresAt: StateFixture.t0.addingTimeInterval(600))
            #expect(second.outcomes == [.discarded, .leaseHeld(holder)])
            #expect(second.heldLease == holder)
            #expect(second.commit == nil)
            #expect(try fixture.cliHistory().count == 1)
            #expect(try await fixture.recordedRuns() == ["run-a"])
        }
    }

    @Test("the same holder under a new run (an Actions re-run's attempt 2) takes a live lease over at once")
    func sameHolderNewRunTakesOverAtOnce() async throws {
        try await StateFixture.with { fixture in
            _ = try await fixture.store().apply(StateFixture.claim("run-1", holder: "actions-7"), message: "attempt 1")
            let soon = StateFixture.t0.addingTimeInterval(30)
            let retry = try await fixture.store().apply(
                StateFixture.claim("run-2", holder: "actions-7", now: soon), message: "attempt 2")
            let previous = LeaseHolder(
                holder: "actions-7", runID: "run-1", expiresAt: StateFixture.t0.addingTimeInterval(600))
            #expect(
                retry.outcomes == [
                    .applied, .leaseTakenOver(previous: previous, expiresAt: soon.addingTimeInterval(600)),
                ])
            let other = try await fixture.store().apply(
                StateFixture.claim("run-3", holder: "actions-8", now: soon), message: "another run")
            #expect(other.heldLease?.runID == "run-2", "another holder still waits for the expiry")
        }
    }

    @Test("an expired lease is taken over and the crashed run is marked expired; the holder can renew its own")
    func expiredLeaseIsTakenOver() async throws {
        try await StateFixture.with { fixture in
            _ = try await fixture.store().apply(StateFixture.claim("run-a", holder: "job-a", ttl: 60), message: "a")
            let renewed = try await fixture.store().apply(
                StateFixture.claim("run-a", holder: "job-a", ttl: 60, now: StateFixture.t0.addingTimeInterval(30)),
                message: "a renews")
            #expect(
                renewed.outcomes == [
                    .alreadyRecorded, .leaseAcquired(expiresAt: StateFixture.t0.addingTimeInterval(90)),
                ])

            let later = StateFixture.t0.addingTimeInterval(90)
            let takeover = try await fixture.store().apply(
                StateFixture.claim("run-b", holder: "job-b", now: later), message: "b")
            let previous = LeaseHolder(holder: "job-a", runID: "run-a", expiresAt: later)
            #expect(
                takeover.outcomes == [
                    .applied, .leaseTakenOver(previous: previous, expiresAt: later.addingTimeInterval(600)),
                ])

            let snapshot = try await StateSnapshot.fetch(try fixture.location())
            let runs = try await snapshot.database.runs(limit: 10)
            let leases = try await snapshot.database.liveLeases(at: later)
            try await snapshot.close()
            #expect(runs.first { $0.runID == "run-a" }?.status == .expired)
            #expect(leases.map(\.lease.runID) == ["run-b"])
        }
    }

    @Test("release frees the holder's lease only; finishing a run frees its lease too")
    func release() async throws {
        try await StateFixture.with { fixture in
            _ = try await fixture.store().apply(StateFixture.claim("run-a", holder: "job-a"), message: "a")
            let wrongHolder = try await fixture.store().apply(
                [.releaseLease(LeaseRelease(workItem: StateFixture.item, stage: "dev", holder: "job-x"))],
                message: "x releases")
            let current = LeaseHolder(
                holder: "job-a", runID: "run-a", expiresAt: StateFixture.t0.addingTimeInterval(600))
            #expect(wrongHolder.outcomes == [.leaseNotHeld(current: current)])
            #expect(wrongHolder.commit == nil)

            let released = try await fixture.store().apply(
                [.releaseLease(LeaseRelease(workItem: StateFixture.item, stage: "dev", holder: "job-a"))],
                message: "a releases")
            #expect(released.outcomes == [.leaseReleased])
            let next = try await fixture.store().apply(StateFixture.claim("run-b", holder: "job-b"), message: "b")
            #expect(next.outcomes.last == .leaseAcquired(expiresAt: StateFixture.t0.addingTimeInterval(600)))

            let finish = StateChange.finishRun(RunFinish(runID: "run-b", status: .succeeded, at: StateFixture.t0))
            _ = try await fixture.store().apply([finish], message: "b finishes")
            let third = try await fixture.store().apply(StateFixture.claim("run-c", holder: "job-c"), message: "c")
            #expect(third.outcomes.last == .leaseAcquired(expiresAt: StateFixture.t0.addingTimeInterval(600)))
        }
    }
}
