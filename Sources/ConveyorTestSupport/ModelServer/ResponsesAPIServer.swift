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
    private let server: ScriptedAPIServer

    private init(baseURL: URL, server: ScriptedAPIServer) {
        self.baseURL = baseURL
        self.server = server
    }

    /// Starts a server that answers with `script` and waits until it listens.
    public static func start(script: ResponsesScript) async throws -> ResponsesAPIServer {
        let server = try await ScriptedAPIServer.start(ResponsesAPIRenderer(script: script))
        return ResponsesAPIServer(baseURL: try server.url(path: "/v1"), server: server)
    }

    /// Every request received so far, in order.
    public func requests() async -> [RecordedModelRequest] {
        await server.requests()
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

/// Answers `POST /v1/responses` from a ``ResponsesScript``, as Server-Sent Events; anything else is a 404 with an
/// API-style error.
struct ResponsesAPIRenderer: ScriptedAPIRenderer {
    let script: ResponsesScript
    let requestIDHeader = "x-request-id"

    func answer(
        _ request: HTTPRequest, body: JSON.JSONValue?, bodySize: Int, exchange: ScriptedExchange
    ) async throws -> ScriptedAnswer {
        guard request.method == .POST, request.path == "/v1/responses" else {
            let reply = ResponsesReply.failure(
                status: 404,
                message: "scripted Responses API: no route for \(request.method.rawValue) \(request.path)")
            return .json(404, try reply.errorBody())
        }
        let index = await exchange.nextReply()
        let reply = script.reply(at: index)
        if case .stall(let duration) = reply { try? await Task.sleep(for: duration) }
        guard reply.status == 200 else { return .json(reply.status, try reply.errorBody()) }
        return ScriptedAnswer(
            status: 200, contentType: "text/event-stream", body: try reply.eventStream(id: "resp_scripted_\(index + 1)")
        )
    }
}
