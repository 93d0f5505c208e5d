import FlyingFox
import Foundation

/// Adapts FlyingFox requests and responses to the forge's own ``ForgeRequest`` and ``ForgeOutcome``.
struct ForgeHTTPHandler: HTTPHandler {
    let state: ForgeState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try await request.bodyData
        let query = Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let forgeRequest = ForgeRequest(
            method: request.method.rawValue, path: request.path, query: query,
            authorization: request.headers[.authorization], body: body.isEmpty ? nil : body,
            connection: Self.connectionName(request.remoteAddress))
        switch await state.respond(to: forgeRequest) {
        case .drop:
            return HTTPResponse(webSocket: ConnectionDropper())
        case .reply(let reply):
            var headers = HTTPHeaders()
            for (name, value) in reply.headers { headers.addValue(value, for: HTTPHeader(name)) }
            let status = HTTPStatusCode(reply.status, phrase: Self.phrase(for: reply.status))
            return HTTPResponse(statusCode: status, headers: headers, body: reply.body)
        }
    }

    /// `address:port` of the client, which names its TCP connection.
    private static func connectionName(_ address: HTTPRequest.Address?) -> String? {
        switch address {
        case .ip4(let host, let port), .ip6(let host, let port): "\(host):\(port)"
        case .unix(let path): path
        case nil: nil
        }
    }

    private static func phrase(for status: Int) -> String {
        let phrases = [
            200: "OK", 201: "Created", 204: "No Content", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable",
        ]
        return phrases[status] ?? "Status \(status)"
    }
}
