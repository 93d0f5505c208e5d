import Blocking
import Dispatch

/// A serial executor that runs every job on one private queue (a ``Blocking/BlockingQueue``).
///
/// libgit2 calls block (disk and network), so they must never run on Swift's cooperative thread pool.
/// ``Repository`` uses one of these as its actor executor, so all of its isolated code, and therefore every
/// libgit2 call it makes, runs on this queue. ``run(_:)`` offers the same queue to code that runs before the
/// actor exists (opening or cloning).
final class QueueExecutor: SerialExecutor {
    /// The queue every job runs on.
    let blocking: BlockingQueue

    /// Creates an executor over a new serial queue named after `label`.
    init(label: String) {
        blocking = BlockingQueue(label: "conveyor.git.\(label)", qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        blocking.queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(blocking.queue))
    }

    /// Runs `body` on the queue and returns its result, suspending the caller without blocking a pool thread.
    func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await blocking.run(body)
    }
}
