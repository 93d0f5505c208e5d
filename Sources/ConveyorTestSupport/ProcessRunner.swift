import Foundation

/// What a finished child process left behind.
public struct ProcessOutput: Sendable {
    /// The exit status, or the signal number when ``wasSignalled`` is true.
    public let status: Int32
    /// True when the process ended by a signal rather than by exiting.
    public let wasSignalled: Bool
    /// Everything the process wrote to standard output.
    public let stdout: String
    /// Everything the process wrote to standard error.
    public let stderr: String
    /// CPU time (user + system, seconds) the process and the descendants it waited for used.
    public var cpuSeconds: Double = 0

    /// True when the process exited with status 0.
    public var succeeded: Bool { !wasSignalled && status == 0 }
}

/// A failed child process, with the command line and what it printed.
public struct ProcessFailure: Error, CustomStringConvertible {
    /// The command line that failed.
    public let arguments: [String]
    /// What the process left behind.
    public let output: ProcessOutput

    public var description: String {
        "`\(arguments.joined(separator: " "))` exited with \(output.status): \(output.stderr)"
    }
}

/// Runs command-line tools (the git CLI, curl, the built `conveyor`) for tests and benchmarks.
///
/// Output goes to temporary files, not pipes, so a chatty child can never block on a full pipe.
public enum ProcessRunner {
    /// Runs `arguments` (the first is looked up on `PATH`) and waits for it to end.
    ///
    /// - Parameters:
    ///   - arguments: the program and its arguments.
    ///   - directory: the working directory; the current one when nil.
    ///   - environment: extra variables laid over this process's environment.
    ///   - input: bytes written to the child's standard input.
    /// - Returns: the exit status and everything the child printed.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Data? = nil
    ) throws -> ProcessOutput {
        let scratch = try TemporaryDirectory(prefix: "proc")
        defer { scratch.remove() }
        let outURL = scratch.appending("stdout")
        let errURL = scratch.appending("stderr")
        let inputPipe = try input.map { _ in try ClosingPipe() }
        let child: SpawnedChild
        do {
            child = try SpawnedChild.start(
                "/usr/bin/env", arguments,
                environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
                directory: directory, standardInput: inputPipe?.readEnd, standardOutput: outURL,
                standardError: errURL)
        } catch {
            if let inputPipe {
                close(inputPipe.readEnd)
                close(inputPipe.writeEnd)
            }
            throw error
        }
        if let inputPipe, let input {
            close(inputPipe.readEnd)
            let writer = FileHandle(fileDescriptor: inputPipe.writeEnd, closeOnDealloc: true)
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        let (ended, cpuSeconds) = child.waitMeasured()
        return ProcessOutput(
            status: ended.status,
            wasSignalled: ended.signalled,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            cpuSeconds: cpuSeconds
        )
    }

    /// Runs `arguments` like ``run(_:in:environment:input:)`` and throws ``ProcessFailure`` unless it exits 0.
    @discardableResult
    public static func check(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Data? = nil
    ) throws -> ProcessOutput {
        let output = try run(arguments, in: directory, environment: environment, input: input)
        guard output.succeeded else { throw ProcessFailure(arguments: arguments, output: output) }
        return output
    }

    /// Runs `arguments` like ``run(_:in:environment:input:)`` on a thread of its own (``onOwnThread(_:)``), so an
    /// in-process loopback server (fake forge, git server) keeps the cooperative pool while the child runs, and many
    /// children started at once all start at once.
    public static func runDetached(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Data? = nil
    ) async throws -> ProcessOutput {
        try await onOwnThread { try run(arguments, in: directory, environment: environment, input: input) }
    }
}
