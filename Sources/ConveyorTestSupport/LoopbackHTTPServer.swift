import FlyingFox
import FlyingSocks
import Foundation

/// A FlyingFox server on `127.0.0.1` and a free port: what the fake forge and the scripted model servers share.
///
/// ``start(handler:timeout:noDelay:)`` returns once the server listens, with the port it got; ``stop()`` closes
/// open connections at once.
struct LoopbackHTTPServer: Sendable {
    /// The port the server listens on.
    let port: UInt16
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>` followed by `path` (e.g. `/v1`).
    func url(path: String = "") throws -> URL {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else {
            throw FakeForgeError(message: "No URL for port \(port) and path \(path).")
        }
        return url
    }

    /// Binds a free loopback port, serves `handler` and waits until it listens.
    ///
    /// - Parameters:
    ///   - timeout: how long a connection may stay idle, in seconds.
    ///   - noDelay: set `TCP_NODELAY` on accepted sockets, so small answers are not held back by Nagle's algorithm.
    static func start(
        handler: some HTTPHandler, timeout: TimeInterval = 120, noDelay: Bool = true
    ) async throws -> LoopbackHTTPServer {
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        let server =
            noDelay
            ? HTTPServer(
                address: address, timeout: timeout, pool: NoDelaySocketPool(base: HTTPServer.defaultPool()),
                logger: .disabled, handler: handler)
            : HTTPServer(address: address, timeout: timeout, logger: .disabled, handler: handler)
        let task = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            task.cancel()
            throw error
        }
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            await server.stop(timeout: 0)
            task.cancel()
            throw FakeForgeError(message: "The loopback server did not report a listening port.")
        }
        return LoopbackHTTPServer(port: port, server: server, task: task)
    }

    /// Stops listening and closes open connections; requests in flight are cut off.
    func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }
}
