import FlyingFox
import Foundation
import Synchronization

/// Answers each HTTP request by checking basic auth and then running `git http-backend` for it.
struct GitCGIHandler: HTTPHandler {
    /// The `git-http-backend` program.
    let backend: URL
    /// The directory served as `GIT_PROJECT_ROOT`.
    let projectRoot: URL
    /// The password every request must present.
    let token: String
    /// Waited before answering each request (zero: none).
    var delay: Duration = .zero
    /// Counts every request answered, challenges included.
    var counter: RequestCounter?
    /// Pushes a test holds between the client's commit and the remote's update.
    let holds: PushHolds

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        if delay > .zero { try await Task.sleep(for: delay) }
        guard let user = authenticatedUser(request) else {
            counter?.record(.challenge)
            for try await _ in request.bodySequence {}
            // No body: libgit2 1.5.1 replays the request with credentials as soon as it has the 401's headers,
            // and mis-reads a body that arrives in a later TCP segment as the next response.
            let challenge: HTTPHeaders = [HTTPHeader("WWW-Authenticate"): "Basic realm=\"conveyor-test\""]
            return HTTPResponse(statusCode: .unauthorized, headers: challenge, body: Data())
        }
        if await holds.decide(path: request.target.path(percentEncoded: false), method: request.method.rawValue)
            == .drop
        {
            counter?.record(.other)
            for try await _ in request.bodySequence {}
            return HTTPResponse(statusCode: .serviceUnavailable, body: Data("push dropped by the test".utf8))
        }
        let response = try await GitCGI.run(request, backend: backend, projectRoot: projectRoot, remoteUser: user)
        counter?.record(
            GitRequestTally.kind(
                method: request.method.rawValue, path: request.target.path(percentEncoded: false),
                query: request.target.query(percentEncoded: true)),
            cpuSeconds: response.cpuSeconds, bytesSent: response.body.count)
        var headers = HTTPHeaders()
        for (name, value) in response.headers {
            headers.addValue(value, for: HTTPHeader(name))
        }
        return HTTPResponse(
            statusCode: HTTPStatusCode(response.status, phrase: response.reason), headers: headers,
            body: response.body)
    }

    /// The user name from an `Authorization: Basic` header whose password equals the token; nil otherwise.
    private func authenticatedUser(_ request: HTTPRequest) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else { return nil }
        let password = pair[pair.index(after: colon)...]
        guard !token.isEmpty, password == token else { return nil }
        let user = pair[..<colon]
        return user.isEmpty ? "git" : String(user)
    }
}
