import FlyingFox
import Foundation
import JSON

/// What the scripted model servers (``ModelServer`` for the Anthropic Messages API, ``ResponsesAPIServer`` for the
/// OpenAI Responses API) share: a ``LoopbackHTTPServer``, the count of scripted replies given so far, and the log of
/// every request; each API brings only its ``ScriptedAPIRenderer``, which turns a request into the next reply of its
/// script on that API's wire.
struct ScriptedAPIServer: Sendable {
    private let server: LoopbackHTTPServer
    private let exchange: ScriptedExchange

    /// Starts a server that answers with `renderer` and waits until it listens.
    static func start(_ renderer: some ScriptedAPIRenderer) async throws -> ScriptedAPIServer {
        let exchange = ScriptedExchange()
        let server = try await LoopbackHTTPServer.start(
            handler: ScriptedAPIHandler(renderer: renderer, exchange: exchange))
        return ScriptedAPIServer(server: server, exchange: exchange)
    }

    /// `http://127.0.0.1:<port>` followed by `path`.
    func url(path: String = "") throws -> URL {
        try server.url(path: path)
    }

    /// Every request received so far, in the order their answers were made.
    func requests() async -> [RecordedModelRequest] {
        await exchange.requests
    }

    /// Stops listening and closes open connections.
    func stop() async {
        await server.stop()
    }
}

/// One API's side of a scripted model server: how a request is answered.
protocol ScriptedAPIRenderer: Sendable {
    /// The response header that carries the request id (`request-id` for Anthropic, `x-request-id` for OpenAI).
    var requestIDHeader: String { get }

    /// The answer to `request` (whose body is `body` when it is JSON, `bodySize` bytes long); a scripted reply is
    /// taken with ``ScriptedExchange/nextReply()``.
    func answer(
        _ request: HTTPRequest, body: JSON.JSONValue?, bodySize: Int, exchange: ScriptedExchange
    ) async throws -> ScriptedAnswer
}

/// A status, a content type and a body.
struct ScriptedAnswer: Sendable {
    let status: Int
    let contentType: String
    let body: Data

    /// A JSON answer.
    static func json(_ status: Int, _ body: Data) -> ScriptedAnswer {
        ScriptedAnswer(status: status, contentType: "application/json", body: body)
    }
}

/// The scripted server's memory: how many scripted replies were given, and every request so far.
actor ScriptedExchange {
    private var answered = 0
    private(set) var requests: [RecordedModelRequest] = []

    /// The index (from 0) of the next scripted reply, advancing the script.
    func nextReply() -> Int {
        answered += 1
        return answered - 1
    }

    func record(_ request: RecordedModelRequest) {
        requests.append(request)
    }
}

/// Reads the body, lets the renderer answer, records the request with the status it got.
private struct ScriptedAPIHandler<Renderer: ScriptedAPIRenderer>: HTTPHandler {
    let renderer: Renderer
    let exchange: ScriptedExchange

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let data = try await request.bodyData
        let body = data.isEmpty ? nil : try? JSON.JSONValue(parsing: data)
        let answer = try await renderer.answer(request, body: body, bodySize: data.count, exchange: exchange)
        var headers: [String: String] = [:]
        for header in request.headers.keys {
            headers[header.rawValue.lowercased()] = request.headers[header]
        }
        await exchange.record(
            RecordedModelRequest(
                method: request.method.rawValue, path: request.path, headers: headers, body: body,
                status: answer.status))
        return HTTPResponse(
            statusCode: HTTPStatusCode(answer.status, phrase: answer.status == 200 ? "OK" : "Error"),
            headers: [.contentType: answer.contentType, HTTPHeader(renderer.requestIDHeader): "req_scripted"],
            body: answer.body)
    }
}
