import FlyingFox
import Foundation
import JSON

/// A scripted stand-in for the Anthropic Messages API on `127.0.0.1` and a free port, for running the real Claude
/// Code CLI in tests.
///
/// ```swift
/// let server = try await ModelServer.start(script: ModelScript([
///     .tools([.write(id: "toolu_01", filePath: work.path + "/a.md", content: "A\n")], usage: ...),
///     .text("Done.", usage: ...),
/// ]))
/// defer { Task { await server.stop() } }
/// // run claude with server.cliEnvironment(home: scratchHome)
/// let requests = await server.requests()
/// ```
///
/// Each `POST /v1/messages` takes the next reply of the script; tool calls make the CLI's own tools (`Write`…)
/// act on real files, and the tool results come back in the next request. Every request is recorded.
public final class ModelServer: Sendable {
    /// `http://127.0.0.1:<port>`, the value for `ANTHROPIC_BASE_URL`.
    public let baseURL: URL
    private let server: ScriptedAPIServer

    private init(baseURL: URL, server: ScriptedAPIServer) {
        self.baseURL = baseURL
        self.server = server
    }

    /// Starts a server that answers with `script` and waits until it listens.
    public static func start(script: ModelScript) async throws -> ModelServer {
        let server = try await ScriptedAPIServer.start(MessagesAPIRenderer(script: script))
        return ModelServer(baseURL: try server.url(), server: server)
    }

    /// Every request received so far, in order.
    public func requests() async -> [RecordedModelRequest] {
        await server.requests()
    }

    /// The variables that point Claude Code at this server and keep it off the network: base URL, a dummy API key,
    /// no telemetry, no auto-update, no non-essential traffic, no retries of failed calls, and `home` as `HOME`.
    public func cliEnvironment(home: URL) -> [String: String] {
        [
            "ANTHROPIC_BASE_URL": baseURL.absoluteString,
            "ANTHROPIC_API_KEY": "sk-ant-scripted-dummy-key",
            "HOME": home.path,
            "DISABLE_TELEMETRY": "1",
            "DISABLE_AUTOUPDATER": "1",
            "DISABLE_ERROR_REPORTING": "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
            "CLAUDE_CODE_MAX_RETRIES": "0",
        ]
    }

    /// Stops listening and closes open connections.
    public func stop() async {
        await server.stop()
    }
}

/// Answers the Anthropic Messages API routes Claude Code uses, from a ``ModelScript``.
///
/// - `POST /v1/messages` (any query, e.g. `?beta=true`): the next scripted reply, as Server-Sent Events when the
///   body says `"stream": true`, else as one JSON message.
/// - `POST /v1/messages/count_tokens`: `{"input_tokens": <body bytes / 4>}`.
/// - Anything else: 404 with an API-style error (the request is still recorded, so a test can see it).
struct MessagesAPIRenderer: ScriptedAPIRenderer {
    let script: ModelScript
    let requestIDHeader = "request-id"

    func answer(
        _ request: HTTPRequest, body: JSON.JSONValue?, bodySize: Int, exchange: ScriptedExchange
    ) async throws -> ScriptedAnswer {
        switch (request.method, request.path) {
        case (.POST, "/v1/messages"):
            let index = await exchange.nextReply()
            let reply = script.reply(at: index).resolved(
                for: RecordedModelRequest(
                    method: request.method.rawValue, path: request.path, headers: [:], body: body, status: 200))
            let (id, model) = ("msg_scripted_\(index + 1)", body?["model"]?.stringValue ?? "claude-scripted")
            if case .stall(let duration) = reply { try? await Task.sleep(for: duration) }
            if reply.status != 200 { return .json(reply.status, try reply.errorBody()) }
            if body?["stream"]?.boolValue == true {
                return ScriptedAnswer(
                    status: 200, contentType: "text/event-stream", body: try reply.eventStream(id: id, model: model))
            }
            return .json(200, try reply.messageBody(id: id, model: model))
        case (.POST, "/v1/messages/count_tokens"):
            let count: JSON.JSONValue = ["input_tokens": .integer(Int64(max(1, bodySize / 4)))]
            return .json(200, try count.jsonData())
        default:
            let error = ModelReply.failure(
                status: 404, errorType: "not_found_error",
                message: "scripted model server: no route for \(request.method.rawValue) \(request.path)")
            return .json(404, try error.errorBody())
        }
    }
}
