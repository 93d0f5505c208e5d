import Foundation
import Subprocess
import SystemPackage

/// Starts an agent in its own process group and waits for it within a wall-clock limit.
///
/// - The child is the leader of a new process group (`PlatformOptions.processGroupID = 0`).
/// - Its standard streams are files: a chatty agent can never block on a full pipe, and the transcript survives a
///   crash of Conveyor itself.
/// - Waiting happens in swift-subprocess's own monitor thread (pidfd/epoll on Linux); the cooperative pool only
///   sleeps on timers.
/// - A ``ProcessLaunch/watch`` (the Codex spend ceiling) may end the group the same way before the limit; the exit
///   then says why (``ProcessExit/ceilingReached``) and is not a timeout.
/// - At the limit the whole group gets SIGTERM, then SIGKILL after the grace period. When the leader ends, whatever
///   is left of its group is killed too (after the grace period on a timeout, at once otherwise), so no grandchild
///   outlives the run.
/// - If the calling task is cancelled (Conveyor got SIGTERM or SIGINT), swift-subprocess runs the same
///   SIGTERM-then-SIGKILL sequence on the group, with at most ``cancellationGrace`` between the two so the job
///   can still record the cancel inside the Actions grace period, and the run throws ``AgentError/Code/cancelled``.
/// - The stream files belong to swift-subprocess once handed over (it closes them after spawning), so they are
///   never closed twice.
package enum ProcessGroupRunner {
    /// The longest wait between SIGTERM and SIGKILL when the run is cancelled rather than timed out.
    package static let cancellationGrace: Duration = .seconds(2)

    /// Runs `launch` to the end and reports how it ended.
    ///
    /// - Throws: ``AgentError/Code/logUnwritable`` when the stream files cannot be opened,
    ///   ``AgentError/Code/launchFailed`` when the program cannot be started, and ``AgentError/Code/cancelled`` when
    ///   the calling task is cancelled.
    package static func run(_ launch: ProcessLaunch) async throws(AgentError) -> ProcessExit {
        let streams = try StreamFiles(launch)
        let group = ProcessGroup()
        let started = ContinuousClock.now
        let termination: TerminationStatus
        do {
            termination = try await withThrowingTaskGroup(of: TerminationStatus?.self) { tasks in
                tasks.addTask { try await spawnAndWait(launch, streams: streams, group: group) }
                tasks.addTask { await expire(group, after: launch.timeout, grace: launch.terminationGrace) }
                if let watch = launch.watch {
                    tasks.addTask { await stopWhen(watch, group: group, grace: launch.terminationGrace) }
                }
                var finished: TerminationStatus?
                while let next = try await tasks.next() {
                    guard let next else { continue }
                    finished = next
                    tasks.cancelAll()
                }
                guard let finished else { throw CancellationError() }
                return finished
            }
        } catch {
            await group.reap(until: nil)
            if Task.isCancelled { throw cancelled(launch) }
            throw AgentError(
                code: .launchFailed,
                message: "Could not run \(launch.executable.path): \(error). Check that it is an executable program "
                    + "and that the work directory \(launch.workingDirectory.path) exists.")
        }
        if Task.isCancelled {
            await group.reap(until: nil)
            throw cancelled(launch)
        }
        let terminatedAt = group.terminatedAt
        await group.reap(until: terminatedAt.map { $0 + launch.terminationGrace })
        let elapsed = ContinuousClock.now - started
        let stopReason = group.stopReason
        let timedOut = terminatedAt != nil && stopReason == nil
        switch termination {
        case .exited(let code):
            return ProcessExit(
                exitStatus: code, signal: nil, timedOut: timedOut, elapsed: elapsed, ceilingReached: stopReason)
        case .signaled(let signal):
            return ProcessExit(
                exitStatus: nil, signal: signal, timedOut: timedOut, elapsed: elapsed, ceilingReached: stopReason)
        }
    }

    private static func cancelled(_ launch: ProcessLaunch) -> AgentError {
        AgentError(
            code: .cancelled,
            message: "The run of \(launch.executable.lastPathComponent) was cancelled; its process group was ended.")
    }

    private static func spawnAndWait(
        _ launch: ProcessLaunch, streams: StreamFiles, group: ProcessGroup
    ) async throws -> TerminationStatus {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [
            .gracefulShutDown(
                toProcessGroup: true, allowedDurationToNextStep: min(launch.terminationGrace, cancellationGrace))
        ]
        let environment = Dictionary(
            uniqueKeysWithValues: launch.environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })
        let result = try await Subprocess.run(
            .path(FilePath(launch.executable.path)), arguments: Arguments(launch.arguments),
            environment: .custom(environment), workingDirectory: FilePath(launch.workingDirectory.path),
            platformOptions: options,
            input: .fileDescriptor(streams.input, closeAfterSpawningProcess: true),
            output: .fileDescriptor(streams.output, closeAfterSpawningProcess: true),
            error: .fileDescriptor(streams.error, closeAfterSpawningProcess: true)
        ) { execution in
            group.started(groupID: execution.processIdentifier.value)
        }
        return result.terminationStatus
    }

    /// Runs `watch` every interval; once it gives a reason, ends the group for it (SIGTERM, then SIGKILL after the
    /// grace period) like ``expire(_:after:grace:)``. Returns early, doing nothing more, when cancelled because the
    /// leader ended.
    private static func stopWhen(_ watch: SpendWatch, group: ProcessGroup, grace: Duration) async
        -> TerminationStatus?
    {
        do {
            while true {
                try await Task.sleep(for: watch.interval)
                if let reason = watch.check() {
                    group.stop(reason: reason)
                    try await Task.sleep(for: grace)
                    group.sendKill()
                    return nil
                }
            }
        } catch {
            return nil
        }
    }

    /// Sleeps until the limit, then sends SIGTERM to the group, waits the grace period and sends SIGKILL. Returns
    /// early (doing nothing more) when cancelled because the leader ended.
    private static func expire(_ group: ProcessGroup, after timeout: Duration, grace: Duration) async
        -> TerminationStatus?
    {
        do {
            try await Task.sleep(for: timeout)
            group.sendTerminate()
            try await Task.sleep(for: grace)
            group.sendKill()
        } catch {
            return nil
        }
        return nil
    }
}
