import ConveyorTestSupport
import Foundation
import Git
import Synchronization
import Testing

@Suite("A clone reports its progress from libgit2's transfer callbacks", .timeLimit(.minutes(2)))
struct TransferProgressTests {
    @Test("every report counts objects received out of the total, and the last one has them all")
    func cloneReportsObjects() async throws {
        try await GitFixture.with { fixture in
            let reports = Mutex<[TransferProgress]>([])
            _ = try await Repository.clone(
                from: fixture.remote, to: fixture.scratch.appending("reported"), credentials: fixture.credentials,
                progress: TransferProgressReporter(every: .zero) { figures in reports.withLock { $0.append(figures) } })
            let seen = reports.withLock { $0 }
            #expect(!seen.isEmpty)
            #expect(seen.allSatisfy { $0.receivedObjects <= $0.totalObjects })
            let last = try #require(seen.last)
            #expect(last.totalObjects > 0 && last.receivedObjects == last.totalObjects, "\(seen)")
            #expect(last.description.contains("\(last.totalObjects)/\(last.totalObjects) objects"))
        }
    }

    @Test("reports are at most one per interval")
    func reportsAreThrottled() async throws {
        try await GitFixture.with { fixture in
            let count = Mutex(0)
            _ = try await Repository.clone(
                from: fixture.remote, to: fixture.scratch.appending("quiet"), credentials: fixture.credentials,
                progress: TransferProgressReporter(every: .seconds(3_600)) { _ in count.withLock { $0 += 1 } })
            #expect(count.withLock { $0 } == 0, "a clone shorter than the interval reports nothing")
        }
    }
}
