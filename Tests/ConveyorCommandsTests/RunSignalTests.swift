import ConveyorTestSupport
import Foundation
import Testing

/// How `conveyor run` ends when it is stopped from outside or its peers fail: SIGTERM (an Actions cancel),
/// kill -9 then an Actions re-run, a git server that dies during a state push, SIGPIPE, and a gate command that
/// leaves a child behind.
@Suite("Cancel, crash and fault", .timeLimit(.minutes(5)))
struct RunSignalTests {
    /// A `command` agent that writes its pid, then sleeps far longer than any test.
    private static func sleepingAgent(_ world: RunWorld) throws -> (variables: [String: String], pidFile: URL) {
        let pidFile = world.scratch.appending("agent.pid")
        let script = world.scratch.appending("agent.sh")
        try Data("echo $$ > '\(pidFile.path)'\nexec sleep 300\n".utf8).write(to: script)
        return (["CONVEYOR_AGENT": "command", "CONVEYOR_AGENT_COMMAND": "sh \(script.path)"], pidFile)
    }

    @Test("SIGTERM ends the agent's process group, records the run cancelled and frees the lease within 7.5 s")
    func sigtermCancelsTheRunAndFreesTheLease() async throws {
        try await RunWorld.with { world in
            let (agent, pidFile) = try Self.sleepingAgent(world)
            let job = try SignalledJob.start(world, ["run"], agent)
            let agentPID = try await SignalledJob.waitForPID(in: pidFile)
            let signalled = ContinuousClock.now
            kill(job.child.pid, SIGTERM)
            let status = try await job.wait()
            let stopping = ContinuousClock.now - signalled
            #expect(status == 143, "stderr: \(job.stderr)")
            #expect(stopping < .milliseconds(7_500), "Actions sends SIGKILL 7.5 s after SIGTERM; took \(stopping)")
            #expect(kill(agentPID, 0) != 0, "the agent survived its parent's SIGTERM")
            #expect(job.stderr.contains("cancelled"), "\(job.stderr)")
            let runs = try await world.conveyor(["state", "runs"])
            #expect(runs.stdout.contains("cancelled"), "\(runs.stdout)")
            let show = try await world.conveyor(["state", "show", "--format", "json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            #expect((report["leases"] as? [Any])?.isEmpty == true, "\(show.stdout)")
        }
    }

    @Test("after kill -9, an Actions re-run (attempt 2, --mode resume) of the same run resumes at once")
    func aReRunAfterKillNineResumesAtOnce() async throws {
        try await RunWorld.with { world in
            // The trigger label stays on the issue until a job publishes (a killed job never removes it).
            await world.forge.addLabel("run:intake", toIssue: 1)
            let (agent, pidFile) = try Self.sleepingAgent(world)
            let job = try SignalledJob.start(world, ["run"], agent)
            let agentPID = try await SignalledJob.waitForPID(in: pidFile)
            kill(job.child.pid, SIGKILL)
            _ = try await job.wait()
            kill(-agentPID, SIGKILL)
            kill(agentPID, SIGKILL)

            let resumed = try await world.conveyor(["run", "--mode", "resume"], ["GITHUB_RUN_ATTEMPT": "2"])
            #expect(resumed.status == 0, "stdout: \(resumed.stdout)\nstderr: \(resumed.stderr)")
            #expect(await world.forge.pulls().count == 1)
            #expect(await world.forge.comments(issue: 1).count == 1)
            let runs = try await world.conveyor(["state", "runs"])
            #expect(runs.stdout.contains("succeeded (pass)"), "\(runs.stdout)")
            #expect(runs.stdout.contains("expired"), "the killed attempt's run ends as expired: \(runs.stdout)")
            let verify = try await world.conveyor(["state", "verify"])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        }
    }

    @Test("a duplicate job's message names `conveyor state release`")
    func theDuplicateMessageNamesStateRelease() async throws {
        try await RunWorld.with { world in
            // The trigger label stays on the issue until a job publishes (a killed job never removes it).
            await world.forge.addLabel("run:intake", toIssue: 1)
            let (agent, pidFile) = try Self.sleepingAgent(world)
            let job = try SignalledJob.start(world, ["run"], agent)
            let agentPID = try await SignalledJob.waitForPID(in: pidFile)
            let other = try await world.conveyor(["run"], ["GITHUB_RUN_ID": "5151"])
            kill(job.child.pid, SIGKILL)
            _ = try await job.wait()
            kill(-agentPID, SIGKILL)
            #expect(other.status == 3, "\(other.stderr)")
            #expect(
                (other.stdout + other.stderr).contains("conveyor state release --work-item 1 --stage intake"),
                "\(other.stdout)\(other.stderr)")
        }
    }

    @Test("the git server dies before the final state push: exit 4, a pending file with the success, no SIGPIPE")
    func aDeadGitServerDuringTheFinalPushLeavesAPendingFile() async throws {
        try await RunWorld.with { world in
            // The server holds every push to the repository: the claim, then the work branch, then the final record.
            let pause = world.scratch.appending("pause-before-push")
            world.git.pushHolds.hold("\(world.forge.owner)/\(world.forge.repo)", marker: pause)
            let job = try SignalledJob.start(world, ["run"], ["CONVEYOR_STATE_DEADLINE_MINUTES": "0"])
            for _ in 0..<2 {
                try await SignalledJob.waitForFile(pause)
                try FileManager.default.removeItem(at: pause)
            }
            try await SignalledJob.waitForFile(pause)
            #expect(await world.forge.pulls().count == 1)
            await world.git.stop()
            try Data("drop".utf8).write(to: pause)
            let status = try await job.wait()
            #expect(!job.signalled, "killed by signal \(status)")
            #expect(status == 4, "stderr: \(job.stderr)")
            #expect(job.stderr.contains("conveyor state replay"), "\(job.stderr)")
            let pending = try FileManager.default.contentsOfDirectory(atPath: world.scratch.path)
                .filter { $0.hasPrefix("conveyor-pending-state") }
            try #require(pending.count == 1, "\(pending)")
            let saved = try String(contentsOf: world.scratch.appending(pending[0]), encoding: .utf8)
            #expect(saved.contains("succeeded"), "the published run is saved as succeeded, not failed: \(saved)")
        }
    }

    @Test("SIGPIPE is ignored: a closed standard output is an error, not a silent death with status 141")
    func sigpipeIsIgnored() async throws {
        let binary = try BuiltBinary.url()
        let pipe = try ClosingPipe()
        close(pipe.readEnd)
        // The test runner may ignore SIGPIPE itself; give the child the default action, as a shell would.
        let child = try SpawnedChild.start(
            "/usr/bin/env", ["--default-signal=PIPE", binary.path, "--help"],
            environment: ProcessInfo.processInfo.environment, output: .descriptor(pipe.writeEnd),
            error: .file(URL(fileURLWithPath: "/dev/null")))
        close(pipe.writeEnd)
        let ended = await child.exit()
        #expect(!ended.signalled, "ended by signal \(ended.status)")
    }

    @Test("a gate command's background child does not hold the job: it ends when the command exits")
    func aGateCommandsOrphanDoesNotHoldTheJob() async throws {
        let configuration = """
            stages:
              intake:
                gate: {kind: command, command: "setsid sleep 60 & echo gate-ran; exit 0"}

            """
        try await RunWorld.with(seed: [".conveyor/config.yml": configuration]) { world in
            let checkout = try world.clonedCheckout()
            let started = ContinuousClock.now
            let job = try SignalledJob.start(world, ["run"], ["GITHUB_WORKSPACE": checkout.path])
            let status = try await job.wait()
            let took = ContinuousClock.now - started
            #expect(status == 0, "stderr: \(job.stderr)")
            #expect(job.stderr.contains("gate-ran"), "the gate's output is in the job log: \(job.stderr) \(job.stdout)")
            #expect(took < .seconds(45), "the job's output pipe was held by the gate's orphan for \(took)")
        }
    }
}

/// A `conveyor` process whose standard output and error are pipes read to their end, as the Actions runner
/// reads a step: ``wait()`` returns only when the process has exited and every writer of the pipes has closed.
final class SignalledJob: @unchecked Sendable {
    let child: SpawnedChild
    private let outputs: ClosingPipe
    private let errors: ClosingPipe
    private(set) var stderr = ""
    private(set) var stdout = ""
    private(set) var signalled = false

    private init(child: SpawnedChild, outputs: ClosingPipe, errors: ClosingPipe) {
        self.child = child
        self.outputs = outputs
        self.errors = errors
    }

    static func start(_ world: RunWorld, _ arguments: [String], _ extra: [String: String]) throws -> SignalledJob {
        let (outputs, errors) = (try ClosingPipe(), try ClosingPipe())
        let child = try SpawnedChild.start(
            try BuiltBinary.url().path, arguments,
            environment: ProcessInfo.processInfo.environment.merging(world.variables) { $1 }.merging(extra) { $1 },
            output: .descriptor(outputs.writeEnd), error: .descriptor(errors.writeEnd))
        // Only the child may hold the write ends, so reading sees the end when the child and its heirs close them.
        close(outputs.writeEnd)
        close(errors.writeEnd)
        return SignalledJob(child: child, outputs: outputs, errors: errors)
    }

    /// Reads both pipes to their end, then waits for the exit; returns the exit status (or the signal).
    func wait() async throws -> Int32 {
        try await onOwnThread { [self] in
            let errorReader = Thread.detachedReader(errors.readEnd)
            let output = Self.readToEnd(outputs.readEnd)
            let errorText = errorReader.result()
            let ended = child.wait()
            stderr = String(decoding: errorText, as: UTF8.self)
            stdout = String(decoding: output, as: UTF8.self)
            signalled = ended.signalled
            return ended.status
        }
    }

    /// Reads `descriptor` until end of file, then closes it.
    static func readToEnd(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(descriptor)
        return data
    }

    /// Waits (up to 60 s) for `file` to hold a pid, and returns it.
    static func waitForPID(in file: URL) async throws -> pid_t {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8),
                let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return pid
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SignalTestFailure("no pid in \(file.path) within 60 s")
    }

    /// Waits (up to 60 s) for `file` to exist.
    static func waitForFile(_ file: URL) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: file.path) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SignalTestFailure("\(file.path) did not appear within 60 s")
    }
}

struct SignalTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Thread {
    /// A thread reading `descriptor` to its end; ``DetachedReader/result()`` waits for it.
    static func detachedReader(_ descriptor: Int32) -> DetachedReader {
        let reader = DetachedReader()
        Thread { reader.finish(SignalledJob.readToEnd(descriptor)) }.start()
        return reader
    }
}

/// What a reading thread read, handed over once it reached the end.
final class DetachedReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    fileprivate func finish(_ read: Data) {
        data = read
        done.signal()
    }

    /// Blocks until the reader reached the end, and returns what it read.
    func result() -> Data {
        done.wait()
        return data
    }
}
