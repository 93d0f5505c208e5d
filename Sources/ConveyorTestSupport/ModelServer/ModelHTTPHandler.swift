import FlyingFox
import Foundation
import JSON

/// Answers the Anthropic Messages API routes Claude Code uses, from a ``ModelScript``.
///
/// - `POST /v1/messages` (any query, e.g. `?beta=true`): the next scripted reply, as Server-Sent Events when the
///   body says `"stream": true`, else as one JSON message.
/// - `POST /v1/messages/count_tokens`: `{"input_tokens": <body bytes / 4>}`.
/// - Anything else: 404 with an API-style error, and the request is recorded so a test can see it.
struct ModelHTTPHandler: HTTPHandler {
    let state: ModelServerState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let data = try await request.bodyData
        let body = data.isEmpty ? nil : try? JSON.JSONValue(parsing: data)
        let (status, contentType, payload) = try await answer(request, body: body, bodySize: data.count)
        var headers: [String: String] = [:]
        for header in request.headers.keys {
            headers[header.rawValue.lowercased()] = request.headers[header]
        }
        await state.record(
            RecordedModelRequest(
                method: request.method.rawValue, path: request.path, headers: headers, body: body, status: status))
        return HTTPResponse(
            statusCode: HTTPStatusCode(status, phrase: status == 200 ? "OK" : "Error"),
            headers: [.contentType: contentType, HTTPHeader("request-id"): "req_scripted"], body: payload)
    }

    private func answer(
        _ request: HTTPRequest, body: JSON.JSONValue?, bodySize: Int
    ) async throws -> (Int, String, Data) {
        let json = "application/json"
        switch (request.method, request.path) {
        case (.POST, "/v1/messages"):
            let (scripted, id) = await state.nextReply()
            let reply = scripted.resolved(
                for: RecordedModelRequest(
                    method: request.method.rawValue, path: request.path, headers: [:], body: body, status: 200))
            let model = body?["model"]?.stringValue ?? "claude-scripted"
            if case .stall(let duration) = reply { try? await Task.sleep(for: duration) }
            if reply.status != 200 { return (reply.status, json, try reply.errorBody()) }
            if body?["stream"]?.boolValue == true {
                return (200, "text/event-stream", try reply.eventStream(id: id, model: model))
            }
            return (200, json, try reply.messageBody(id: id, model: model))
        case (.POST, "/v1/messages/count_tokens"):
            let count: JSON.JSONValue = ["input_tokens": .integer(Int64(max(1, bodySize / 4)))]
            return (200, json, try count.jsonData())
        default:
            let error = ModelReply.failure(
                status: 404, errorType: "not_found_error",
                message: "scripted model server: no route for \(request.method.rawValue) \(request.path)")
            return (404, json, try error.errorBody())
        }
    }
}
