import Foundation

/// Runs the blocking `body` on a thread of its own and returns what it returns, so waiting for a child process (or
/// any blocking call) never occupies Swift's cooperative pool or a dispatch queue. Not a dispatch queue: on Linux the
/// global queues run about as many blocking items as there are cores and add a thread only every second or so, which
/// turned a burst of 32 jobs into jobs started one after another over 20 s.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result(catching: body)) }.start()
    }
}
