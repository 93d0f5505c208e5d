import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("Transfers stop at their deadline or when their task is cancelled", .timeLimit(.minutes(2)))
struct TransferLimitTests {
    @Test("a clone that cannot finish within its timeout throws .timedOut")
    func timeout() async throws {
        try await GitFixture.with { fixture in
            let error = try await #require(throws: GitError.self) {
                _ = try await Repository.clone(
                    from: fixture.remote, to: fixture.scratch.appending("late"), credentials: fixture.credentials,
                    timeout: .zero)
            }
            #expect(error.code == .timedOut, "\(error)")
            #expect(error.message.contains("did not finish within"))
        }
    }

    @Test("a clone in a cancelled task throws .cancelled")
    func cancellation() async throws {
        try await GitFixture.with { fixture in
            let remote = try fixture.remote
            let destination = fixture.scratch.appending("cancelled")
            let credentials = fixture.credentials
            let task = Task<Repository, any Error> {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await Repository.clone(from: remote, to: destination, credentials: credentials)
            }
            let error = try await #require(throws: GitError.self) { _ = try await task.value }
            #expect(error.code == .cancelled, "\(error)")
        }
    }
}
