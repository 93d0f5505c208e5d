import Actions
import Agents
import Foundation

// MARK: - The production runner

extension CommandRunner {
    /// A runner that starts the command as the leader of a new process group through the agents' runner
    /// (``Agents/ProcessGroupRunner``), so a gate command and an agent end the same way.
    ///
    /// - The command ends when its own process exits. Its standard output and error go to files, copied to this
    ///   process's standard error (the job log, never machine-readable standard output) once it has exited: no
    ///   pipe is shared with anything it starts, so a background child (`setsid sleep 3000 & exit 0`) can never
    ///   hold the job open by keeping a pipe's write end.
    /// - When it exits, whatever is left of its process group is killed at once. A child that left the group
    ///   (`setsid`) is not tracked: it holds only the output file, which is removed, and dies with the runner's VM.
    /// - Past `timeout` the group gets SIGTERM, then SIGKILL after `gracePeriod`, and the result is
    ///   ``CommandExit/timedOut(_:)``, which only a command that really ran that long gets.
    /// - Its standard input is empty.
    /// - An ``Invocation`` may set its own time limit, and a log file that receives its standard output followed by
    ///   its standard error.
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
        CommandRunner(invoking: { (invocation: Invocation) in
            let (arguments, directory) = (invocation.arguments, invocation.directory)
            let timeout = invocation.timeout ?? timeout
            guard !arguments.isEmpty else { return .couldNotStart("the command is empty") }
            let logs = FileManager.default.temporaryDirectory.appendingPathComponent(
                "conveyor-gate-\(UUID().uuidString.prefix(8))", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: logs) }
            do {
                try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            } catch {
                return .couldNotStart("no directory for its output: \(error.localizedDescription)")
            }
            let output = logs.appendingPathComponent("stdout")
            let errors = logs.appendingPathComponent("stderr")
            let exit: ProcessExit
            do throws(AgentError) {
                exit = try await ProcessGroupRunner.run(
                    ProcessLaunch(
                        executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments,
                        environment: environment, workingDirectory: directory,
                        standardInput: URL(fileURLWithPath: "/dev/null"), standardOutput: output,
                        standardError: errors, timeout: timeout, terminationGrace: gracePeriod))
            } catch {
                return .couldNotStart(error.message)
            }
            var captured = Data()
            for file in [output, errors] {
                if let data = FileManager.default.contents(atPath: file.path), !data.isEmpty {
                    FileHandle.standardError.write(data)
                    captured.append(data)
                }
            }
            if let log = invocation.log {
                try? captured.write(to: log)
            }
            if exit.timedOut { return .timedOut(timeout) }
            if let signal = exit.signal { return .signalled(signal) }
            return .exited(exit.exitStatus ?? 1)
        })
    }
}
