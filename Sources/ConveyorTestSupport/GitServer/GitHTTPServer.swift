import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// A loopback smart-HTTP git server for tests and benchmarks.
///
/// Serves every bare repository under ``root`` through the real `git http-backend` CGI, so clones, fetches and
/// pushes behave as against a forge. Every request must carry HTTP basic credentials whose password is the
/// server's token; anything else gets `401` with `WWW-Authenticate: Basic realm="conveyor-test"`.
///
/// ```swift
/// let server = GitHTTPServer(root: scratch.url, token: "s3cret")
/// try await server.start()
/// defer { Task { await server.stop() } }
/// let remote = try server.url(for: "project")   // http://127.0.0.1:PORT/project.git
/// ```
public final class GitHTTPServer: Sendable {
    /// The directory whose bare repositories (`NAME.git`) are served.
    public let root: URL
    /// Added before every answer (a 401 challenge included), to stand for a forge's round-trip time: real
    /// forges add 100–300 ms per git request that loopback does not.
    public let requestDelay: Duration
    /// Pushes held for a test (see ``PushHolds``).
    public let pushHolds = PushHolds()
    private let token: String
    private let state = Mutex<State>(State())
    private let counter = RequestCounter()

    private struct State {
        var server: HTTPServer?
        var task: Task<Void, any Error>?
        var port: UInt16?
    }

    /// Creates a server for the repositories under `root` that accepts `token` as the basic-auth password and
    /// waits `requestDelay` before answering each request.
    public init(root: URL, token: String, requestDelay: Duration = .zero) {
        self.root = root
        self.token = token
        self.requestDelay = requestDelay
    }

    /// Binds 127.0.0.1 on a free port and starts serving; returns once the server listens.
    public func start() async throws {
        GitCGI.ignoreBrokenPipes()
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        let handler = GitCGIHandler(
            backend: try await GitCGI.locateBackend(), projectRoot: root, token: token, delay: requestDelay,
            counter: counter, holds: pushHolds)
        let server = HTTPServer(address: address, timeout: 300, logger: .disabled, handler: handler)
        let task = Task { try await server.run() }
        state.withLock {
            $0.server = server
            $0.task = task
        }
        try await server.waitUntilListening(timeout: 10)
        guard case .ip4(_, let port) = await server.listeningAddress else {
            await stop()
            throw GitServerError.notListening
        }
        state.withLock { $0.port = port }
    }

    /// Stops listening and closes open connections; requests still in flight are cut off.
    public func stop() async {
        let (server, task) = state.withLock { state in
            defer { state = State() }
            return (state.server, state.task)
        }
        await server?.stop(timeout: 0)
        task?.cancel()
    }

    /// HTTP requests answered so far (401 challenges included): what a client's round trips cost.
    public var requestCount: Int { counter.value.requests }

    /// Requests answered so far by kind, with the CPU their `git http-backend` children used and the bytes sent.
    public var tally: GitRequestTally { counter.value }

    /// The port the server listens on; nil before ``start()``.
    public var port: UInt16? {
        state.withLock { $0.port }
    }

    /// The clone URL of the bare repository `NAME.git` under ``root``, e.g. `http://127.0.0.1:PORT/NAME.git`.
    ///
    /// - Throws: ``GitServerError/notListening`` before ``start()``.
    public func url(for repository: String) throws -> URL {
        guard let port else { throw GitServerError.notListening }
        let name = repository.hasSuffix(".git") ? repository : "\(repository).git"
        guard let url = URL(string: "http://127.0.0.1:\(port)/\(name)") else {
            throw GitServerError.invalidRepositoryName(repository)
        }
        return url
    }

    /// The directory of the bare repository `NAME.git` under ``root``.
    public func directory(for repository: String) -> URL {
        let name = repository.hasSuffix(".git") ? repository : "\(repository).git"
        return root.appendingPathComponent(name, isDirectory: true)
    }
}

/// Why the test git server could not do what was asked.
public enum GitServerError: Error, CustomStringConvertible {
    /// The server has not been started, or could not report its port.
    case notListening
    /// The repository name cannot be part of a URL.
    case invalidRepositoryName(String)
    /// `git http-backend` could not be found at the path `git --exec-path` reported.
    case backendMissing(String)

    public var description: String {
        switch self {
        case .notListening: "The git test server is not listening; call start() first."
        case .invalidRepositoryName(let name): "`\(name)` cannot be used as a repository name in a URL."
        case .backendMissing(let path): "git-http-backend is missing at \(path); install git (scripts/bootstrap)."
        }
    }
}
