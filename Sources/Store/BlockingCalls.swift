import Blocking

/// Runs the few synchronous SQLite calls GRDB offers no async form for (opening and closing a
/// connection) on a private serial queue (``Blocking/BlockingQueue``), so they never block a thread of
/// Swift's cooperative pool. The caller suspends until the call finishes.
enum BlockingCalls {
    private static let queue = BlockingQueue(label: "conveyor.store.blocking-calls")

    /// Runs `body` on the private queue and returns its result (or rethrows its error).
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await queue.run(body)
    }
}
