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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }

        let scratch = try TemporaryDirectory(prefix: "proc")
        defer { scratch.remove() }
        let outURL = scratch.appending("stdout")
        let errURL = scratch.appending("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe

        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus,
            wasSignalled: process.terminationReason == .uncaughtSignal,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
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

    /// Runs `arguments` like ``run(_:in:environment:input:)`` on a dispatch thread, so an in-process loopback
    /// server (fake forge, git server) keeps the cooperative pool while the child runs.
    public static func runDetached(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Data? = nil
    ) async throws -> ProcessOutput {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(
                    with: Result { try run(arguments, in: directory, environment: environment, input: input) })
            }
        }
    }
}
