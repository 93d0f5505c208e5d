import FlyingFox
import Foundation

/// Runs `git http-backend` as a CGI child process for one HTTP request.
///
/// The request body is streamed into the child's stdin by blocking writes on ``ioQueue``; the child's stdout
/// and stderr go to files. So the child never blocks on a full output pipe, and no blocking call runs on the
/// cooperative pool: writes run on ``ioQueue`` and the wait for the exit on a thread of its own. The child is
/// spawned with ``SpawnedChild``, not `Process`.
enum GitCGI {
    /// Where blocking pipe writes happen, several requests at a time.
    private static let ioQueue = DispatchQueue(label: "conveyor.git-cgi.io", attributes: .concurrent)

    /// Finds `$(git --exec-path)/git-http-backend`, running git on ``ioQueue`` rather than the caller's thread.
    ///
    /// - Throws: ``GitServerError/backendMissing(_:)`` when git or its `http-backend` is not installed.
    static func locateBackend() async throws -> URL {
        let execPath = await withCheckedContinuation { continuation in
            ioQueue.async { continuation.resume(returning: try? ProcessRunner.check(["git", "--exec-path"]).stdout) }
        }
        let backend = (execPath ?? "").trimmingCharacters(in: .whitespacesAndNewlines) + "/git-http-backend"
        guard FileManager.default.isExecutableFile(atPath: backend) else {
            throw GitServerError.backendMissing(backend)
        }
        return URL(fileURLWithPath: backend)
    }

    /// A child that exits before reading its whole request body must not kill the server with `SIGPIPE`.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Runs the backend for `request` and returns what it printed, parsed as a CGI response.
    static func run(
        _ request: HTTPRequest, backend: URL, projectRoot: URL, remoteUser: String
    ) async throws -> CGIResponse {
        let scratch = try TemporaryDirectory(prefix: "git-cgi")
        defer { scratch.remove() }
        let outputURL = scratch.appending("stdout")
        let errorURL = scratch.appending("stderr")
        let input = try ClosingPipe()
        let child: SpawnedChild
        do {
            child = try SpawnedChild.start(
                backend.path, [],
                environment: environment(for: request, projectRoot: projectRoot, user: remoteUser, home: scratch.url),
                standardInput: input.readEnd, standardOutput: outputURL, standardError: errorURL)
        } catch {
            close(input.readEnd)
            close(input.writeEnd)
            throw error
        }
        close(input.readEnd)
        let stdin = FileHandle(fileDescriptor: input.writeEnd, closeOnDealloc: true)
        let cpuSeconds = await withTaskCancellationHandler {
            await stream(request.bodySequence, to: stdin)
            return await child.exitMeasured().cpuSeconds
        } onCancel: {
            child.send(SIGTERM)
        }
        var response = CGIResponse.parse(
            try Data(contentsOf: outputURL), errorOutput: (try? Data(contentsOf: errorURL)) ?? Data())
        response.cpuSeconds = cpuSeconds
        return response
    }

    /// Copies the request body into the child's stdin, then closes it. A child that stops reading (it failed)
    /// turns further writes into no-ops, but the body is still drained so the connection stays in step.
    private static func stream(_ body: HTTPBodySequence, to stdin: FileHandle) async {
        var writable = true
        do {
            for try await chunk in body where writable {
                writable = await write(chunk, to: stdin)
            }
        } catch {
            writable = false
        }
        try? stdin.close()
    }

    private static func write(_ chunk: Data, to handle: FileHandle) async -> Bool {
        let box = UncheckedHandle(handle)
        return await withCheckedContinuation { continuation in
            ioQueue.async {
                do {
                    try box.handle.write(contentsOf: chunk)
                    continuation.resume(returning: true)
                } catch {
                    continuation.resume(returning: false)
                }
            }
        }
    }

    /// The CGI/1.1 variables `git http-backend` reads, plus every request header as `HTTP_*`.
    private static func environment(
        for request: HTTPRequest, projectRoot: URL, user: String, home: URL
    ) -> [String: String] {
        var environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_PROJECT_ROOT": projectRoot.path,
            "GIT_HTTP_EXPORT_ALL": "1",
            // Like a forge: pushes accepted over HTTP, and no `git gc --auto` after each push (forges collect
            // garbage out of band, not in the request; on the benchmarks' two cores it is CPU no forge spends here).
            "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "http.receivepack",
            "GIT_CONFIG_VALUE_0": "true",
            "GIT_CONFIG_KEY_1": "receive.autogc",
            "GIT_CONFIG_VALUE_1": "false",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REQUEST_METHOD": request.method.rawValue,
            "PATH_INFO": request.target.path(percentEncoded: false),
            "QUERY_STRING": request.target.query(percentEncoded: true),
            "REMOTE_USER": user,
            "REMOTE_ADDR": "127.0.0.1",
        ]
        if let type = request.headers[.contentType] { environment["CONTENT_TYPE"] = type }
        if let length = request.headers[.contentLength] { environment["CONTENT_LENGTH"] = length }
        for (header, value) in request.headers where header != .authorization {
            let name = header.rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
            environment["HTTP_\(name)"] = value
        }
        return environment
    }
}

/// Lets the I/O queue write to a pipe handle that the request task owns and waits on.
///
/// Safe because the request task suspends until each write returns, so the handle is never used twice at once.
private struct UncheckedHandle: @unchecked Sendable {
    let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
}
