import FlyingFox
import Foundation
import JSON

/// A scripted stand-in for the OpenAI Responses API on `127.0.0.1` and a free port, for running the real Codex CLI in
/// tests.
///
/// ```swift
/// let server = try await ResponsesAPIServer.start(script: ResponsesScript([
///     .exec(callID: "call_1", command: "printf 'A\\n' > a.md", usage: ResponsesUsage(input: 100, output: 20)),
///     .message("Done.", usage: ResponsesUsage(input: 150, output: 5)),
/// ]))
/// // run codex with server.cliEnvironment(), then:
/// let requests = await server.requests()
/// await server.stop()
/// ```
///
/// Each `POST /v1/responses` takes the next reply of the script, streamed as Server-Sent Events (the CLI asks only
/// for `stream: true`). An `exec_command` call makes the CLI run the command in its sandbox, in the work tree; the
/// command's output comes back as a `function_call_output` in the next request. Every request is recorded, and any
/// other route answers 404.
public final class ResponsesAPIServer: Sendable {
    /// `http://127.0.0.1:<port>/v1`, the provider's `base_url`.
    public let baseURL: URL
    private let state: ResponsesAPIState
    private let server: LoopbackHTTPServer

    private init(baseURL: URL, state: ResponsesAPIState, server: LoopbackHTTPServer) {
        self.baseURL = baseURL
        self.state = state
        self.server = server
    }

    /// Starts a server that answers with `script` and waits until it listens.
    public static func start(script: ResponsesScript) async throws -> ResponsesAPIServer {
        let state = ResponsesAPIState(script: script)
        let server = try await LoopbackHTTPServer.start(handler: ResponsesAPIHandler(state: state))
        return ResponsesAPIServer(baseURL: try server.url(path: "/v1"), state: state, server: server)
    }

    /// Every request received so far, in order.
    public func requests() async -> [RecordedModelRequest] {
        await state.requests
    }

    /// The variables that point Conveyor's `codex` agent at this server: the base URL, a dummy API key, and no
    /// retries of failed requests or broken streams (a failure shows at once instead of after ~25 s of retries).
    public func cliEnvironment() -> [String: String] {
        [
            "OPENAI_BASE_URL": baseURL.absoluteString,
            "OPENAI_API_KEY": "sk-scripted-dummy-key",
            "CONVEYOR_CODEX_MAX_RETRIES": "0",
        ]
    }

    /// Stops listening and closes open connections.
    public func stop() async {
        await server.stop()
    }
}

/// The scripted Responses API server's memory: where the script is, and every request so far.
actor ResponsesAPIState {
    private let script: ResponsesScript
    private var answered = 0
    private(set) var requests: [RecordedModelRequest] = []

    init(script: ResponsesScript) {
        self.script = script
    }

    /// The next scripted reply and its response id (`resp_scripted_1`, …), advancing the script.
    func nextReply() -> (reply: ResponsesReply, id: String) {
        let reply = script.reply(at: answered)
        answered += 1
        return (reply, "resp_scripted_\(answered)")
    }

    func record(_ request: RecordedModelRequest) {
        requests.append(request)
    }
}

/// Answers `POST /v1/responses` from the script; anything else is a 404 with an API-style error.
struct ResponsesAPIHandler: HTTPHandler {
    let state: ResponsesAPIState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let data = try await request.bodyData
        let body = data.isEmpty ? nil : try? JSON.JSONValue(parsing: data)
        var status = 404
        var contentType = "application/json"
        var payload: Data
        if request.method == .POST, request.path == "/v1/responses" {
            let (reply, id) = await state.nextReply()
            if case .stall(let duration) = reply { try? await Task.sleep(for: duration) }
            status = reply.status
            if status == 200 {
                contentType = "text/event-stream"
                payload = try reply.eventStream(id: id)
            } else {
                payload = try reply.errorBody()
            }
        } else {
            let reply = ResponsesReply.failure(
                status: 404,
                message: "scripted Responses API: no route for \(request.method.rawValue) \(request.path)")
            payload = try reply.errorBody()
        }
        var headers: [String: String] = [:]
        for header in request.headers.keys {
            headers[header.rawValue.lowercased()] = request.headers[header]
        }
        await state.record(
            RecordedModelRequest(
                method: request.method.rawValue, path: request.path, headers: headers, body: body, status: status))
        return HTTPResponse(
            statusCode: HTTPStatusCode(status, phrase: status == 200 ? "OK" : "Error"),
            headers: [.contentType: contentType, HTTPHeader("x-request-id"): "req_scripted"], body: payload)
    }
}
