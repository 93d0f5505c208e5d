import Actions
import Foundation

// MARK: - The production runner

extension CommandRunner {
    /// A runner that starts a child process, waits for it off the cooperative thread pool, and stops its whole
    /// process group (SIGTERM, then SIGKILL after `gracePeriod`) when it runs past `timeout`.
    ///
    /// The child's standard output and error go to this process's standard error, so they appear in the job log
    /// without mixing into machine-readable standard output; its standard input is empty.
    ///
    /// - Parameters:
    ///   - timeout: the wall-clock limit.
    ///   - gracePeriod: how long a stopped command has to exit before it is killed.
    ///   - environment: the child's variables; by default Conveyor's own (`ProcessEnvironment.variables`),
    ///     ``scrubbed(_:withholdingValues:)``.
    public static func process(
        timeout: Duration = .seconds(600), gracePeriod: Duration = .seconds(5),
        environment: [String: String] = scrubbed(ProcessEnvironment.variables)
    ) -> CommandRunner {
        CommandRunner { arguments, directory in
            await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(
                        returning: runBlocking(
                            arguments, in: directory, environment: environment, timeout: timeout,
                            gracePeriod: gracePeriod))
                }
            }
        }
    }

    /// Runs the child and blocks the calling dispatch thread until it ends or is stopped.
    private static func runBlocking(
        _ arguments: [String], in directory: URL, environment: [String: String], timeout: Duration,
        gracePeriod: Duration
    ) -> CommandExit {
        guard !arguments.isEmpty else { return .couldNotStart("the command is empty") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return .couldNotStart(error.localizedDescription)
        }
        // Foundation starts the child as the leader of a new process group, so `-pid` reaches its children too.
        let group = -process.processIdentifier
        if finished.wait(timeout: .now() + seconds(timeout)) == .timedOut {
            kill(group, SIGTERM)
            if finished.wait(timeout: .now() + seconds(gracePeriod)) == .timedOut {
                kill(group, SIGKILL)
                finished.wait()
            }
            return .timedOut(timeout)
        }
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? .signalled(status) : .exited(status)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
