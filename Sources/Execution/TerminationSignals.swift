import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGTERM (what Actions sends when a job is cancelled, about 7.5 s before SIGKILL) and SIGINT into the
/// cancellation of one task, so a stage job can end its agent's process group and record how it ended.
///
/// ```swift
/// let result = try await TerminationSignals.cancelling { try await job.run() }
/// ```
///
/// - The signals' default action (dying at once) is replaced by `DispatchSource` signal sources for the
///   duration of ``cancelling(hardExitAfter:_:)``; the first signal cancels the task, a second one exits at once.
/// - A watchdog exits the process with `128 + signal` if the task has not ended ``defaultHardExit`` after the
///   first signal, so a cleanup that hangs (a push to a dead server) never outlives the grace period.
public enum TerminationSignals {
    /// How long after the first signal the process exits whatever the task is doing: inside the 7.5 s Actions
    /// leaves between SIGTERM and SIGKILL, so the exit is ours and its message reaches the log.
    public static let defaultHardExit: Duration = .seconds(6)

    /// The task was cancelled because this signal arrived, and then threw ``error``.
    public struct Received: Error, CustomStringConvertible {
        /// `SIGTERM` or `SIGINT`.
        public let signal: Int32
        /// What the cancelled task threw (for a stage job, ``StageJobCancelled``).
        public let error: any Error

        /// The exit status a shell reports for a process ended by ``signal``: 128 + the signal number.
        public var exitStatus: Int32 { 128 + signal }

        public var description: String {
            "Stopped by \(signal == SIGINT ? "SIGINT" : "SIGTERM"): \(error)"
        }
    }

    /// Ignores SIGPIPE for the whole process: a write to a connection the peer closed (a git server that died
    /// during a push) then fails with `EPIPE`, which becomes a typed error, instead of killing the process
    /// silently with status 141. Call first thing in `main`.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Runs `body` in a task that is cancelled when SIGTERM or SIGINT arrives, and returns what it returns.
    ///
    /// - Throws: what `body` throws; when a signal arrived and `body` threw, ``Received`` instead, after `body`
    ///   has ended (cleanup included). A `body` that finishes normally despite a late signal returns its value.
    public static func cancelling<Value: Sendable>(
        hardExitAfter hardExit: Duration = defaultHardExit, _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let received = ReceivedSignal()
        let task = Task { try await body() }
        let queue = DispatchQueue(label: "conveyor.signals")
        let sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                guard received.record(number) else { exit(128 + number) }
                task.cancel()
                queue.asyncAfter(deadline: .now() + seconds(hardExit)) {
                    FileHandle.standardError.write(
                        Data("conveyor: still stopping \(hardExit) after the signal; exiting now.\n".utf8))
                    exit(128 + number)
                }
            }
            source.resume()
            return source
        }
        let result = await task.result
        for source in sources { source.cancel() }
        for number in [SIGTERM, SIGINT] { signal(number, SIG_DFL) }
        switch result {
        case .success(let value): return value
        case .failure(let error):
            if let number = received.first { throw Received(signal: number, error: error) }
            throw error
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The first termination signal received, shared between the signal queue and the waiting task.
private final class ReceivedSignal: Sendable {
    private let value = Mutex<Int32?>(nil)

    /// Records `signal`; false when one had already arrived.
    func record(_ signal: Int32) -> Bool {
        value.withLock { current in
            guard current == nil else { return false }
            current = signal
            return true
        }
    }

    /// The first signal, if any.
    var first: Int32? { value.withLock { $0 } }
}
