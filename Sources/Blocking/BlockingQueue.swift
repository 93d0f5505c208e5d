public import Dispatch

/// A private serial `DispatchQueue` for blocking calls (libgit2, libcurl, SQLite open and close, file system
/// calls, `flock`), so they never occupy a thread of Swift's cooperative pool: ``run(_:)`` suspends the caller and
/// resumes it with the call's result.
///
/// Serial on purpose: code that keeps a non-thread-safe resource (a libgit2 repository, a curl easy handle) on one
/// queue relies on jobs running one at a time, in order. Give each such resource its own `BlockingQueue`; unrelated
/// work may share one.
public struct BlockingQueue: Sendable {
    /// The queue jobs run on; for code that must check it is on it (`dispatchPrecondition`) or that builds an
    /// executor over it.
    public let queue: DispatchQueue

    /// Creates a queue named `label` (shown by debuggers and crash reports), e.g. `conveyor.http.curl-transfer`.
    public init(label: String, qos: DispatchQoS = .unspecified) {
        queue = DispatchQueue(label: label, qos: qos)
    }

    /// Runs `body` on the queue and returns what it returns, or throws what it throws (typed: a `Never`-throwing
    /// body needs no `try`).
    public func run<T: Sendable, Failure: Error>(
        _ body: @escaping @Sendable () throws(Failure) -> T
    ) async throws(Failure) -> T {
        let result: Result<T, Failure> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(Failure) -> T in try body() }) }
        }
        return try result.get()
    }
}
