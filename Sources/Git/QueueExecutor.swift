import Dispatch

/// A serial executor that runs every job on one private `DispatchQueue`.
///
/// libgit2 calls block (disk and network), so they must never run on Swift's cooperative thread pool.
/// ``Repository`` uses one of these as its actor executor, so all of its isolated code, and therefore every
/// libgit2 call it makes, runs on this queue. ``run(_:)`` offers the same queue to code that runs before the
/// actor exists (opening or cloning).
final class QueueExecutor: SerialExecutor {
    /// The queue every job runs on.
    let queue: DispatchQueue

    /// Creates an executor over a new serial queue named after `label`.
    init(label: String) {
        queue = DispatchQueue(label: "conveyor.git.\(label)", qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }

    /// Runs `body` on the queue and returns its result, suspending the caller without blocking a pool thread.
    func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }
}
