import FlyingFox
import Foundation
import Synchronization

/// A loopback HTTP server that sends every request on to another address with `302 Found` (same path and query):
/// a remote that redirects, for tests of where credentials go. Optionally it first asks for credentials itself
/// (`401` to a request without `Authorization`), as a remote that authenticates and then redirects.
public final class RedirectingHTTPServer: Sendable {
    private let server: LoopbackHTTPServer
    private let seen: Headers

    /// The `Authorization` headers of the requests it received, in order (nil for a request without one).
    public var authorizations: [String?] { seen.values }

    /// `http://127.0.0.1:<port>` followed by `path`.
    public func url(path: String = "") throws -> URL { try server.url(path: path) }

    private init(server: LoopbackHTTPServer, seen: Headers) {
        self.server = server
        self.seen = seen
    }

    /// Starts a server that redirects to `target` (scheme, host and port, e.g. `http://localhost:8080`).
    ///
    /// - Parameter challengeFirst: answer `401` with a Basic challenge to a request without credentials, and
    ///   redirect only requests that carry them.
    public static func start(to target: String, challengeFirst: Bool = false) async throws -> RedirectingHTTPServer {
        let seen = Headers()
        let handler = ClosureHTTPHandler { request in
            let authorization = request.headers[.authorization]
            seen.append(authorization)
            for try await _ in request.bodySequence {}
            if challengeFirst && authorization == nil {
                return HTTPResponse(
                    statusCode: .unauthorized, headers: [HTTPHeader("WWW-Authenticate"): "Basic realm=\"redirect\""],
                    body: Data())
            }
            let query = request.target.query(percentEncoded: true)
            let location = target + request.target.path(percentEncoded: true) + (query.isEmpty ? "" : "?\(query)")
            return HTTPResponse(statusCode: .found, headers: [HTTPHeader("Location"): location], body: Data())
        }
        return RedirectingHTTPServer(server: try await LoopbackHTTPServer.start(handler: handler), seen: seen)
    }

    /// Stops the server.
    public func stop() async { await server.stop() }

    private final class Headers: Sendable {
        private let list = Mutex<[String?]>([])
        func append(_ value: String?) { list.withLock { $0.append(value) } }
        var values: [String?] { list.withLock { $0 } }
    }
}
