import Foundation
import JSON

/// Token counts one scripted Responses API reply reports in `response.completed`.
///
/// As in the real API, ``input`` counts every prompt token and ``cachedInput`` is the part of it read from the cache
/// (`input_tokens_details.cached_tokens`); ``output`` includes ``reasoningOutput``
/// (`output_tokens_details.reasoning_tokens`). The Codex CLI sums these over a turn's requests into `turn.completed`.
public struct ResponsesUsage: Sendable, Hashable {
    /// `input_tokens`.
    public var input: Int
    /// `input_tokens_details.cached_tokens`.
    public var cachedInput: Int
    /// `output_tokens`.
    public var output: Int
    /// `output_tokens_details.reasoning_tokens`.
    public var reasoningOutput: Int

    /// Creates the counts.
    public init(input: Int, cachedInput: Int = 0, output: Int, reasoningOutput: Int = 0) {
        self.input = input
        self.cachedInput = cachedInput
        self.output = output
        self.reasoningOutput = reasoningOutput
    }

    /// The `usage` object of `response.completed`.
    var json: JSONValue {
        [
            "input_tokens": .integer(Int64(input)),
            "input_tokens_details": ["cached_tokens": .integer(Int64(cachedInput))],
            "output_tokens": .integer(Int64(output)),
            "output_tokens_details": ["reasoning_tokens": .integer(Int64(reasoningOutput))],
            "total_tokens": .integer(Int64(input + output)),
        ]
    }
}

/// One output item of a scripted reply.
public enum ResponsesItem: Sendable, Hashable {
    /// A call of the CLI's shell tool: a `function_call` named `exec_command` with `{"cmd": command}` (Codex CLI
    /// 0.147 offers this tool to a model name it does not know). `callID` must be unique in the conversation.
    case execCommand(callID: String, command: String)
    /// An assistant `message` with one `output_text`, which ends the agent's turn.
    case message(String)

    /// The item as `response.output_item.added` / `.done` carry it; `index` makes its `id` unique in the reply.
    func json(index: Int) throws -> JSONValue {
        switch self {
        case .execCommand(let callID, let command):
            let arguments: JSONValue = ["cmd": .string(command)]
            return [
                "type": "function_call", "id": .string("fc_scripted_\(index)"), "call_id": .string(callID),
                "name": "exec_command", "arguments": .string(String(decoding: try arguments.jsonData(), as: UTF8.self)),
                "status": "completed",
            ]
        case .message(let text):
            return [
                "type": "message", "id": .string("msg_scripted_\(index)"), "role": "assistant", "status": "completed",
                "content": [["type": "output_text", "text": .string(text), "annotations": []]],
            ]
        }
    }
}

/// What the server answers to one `POST /v1/responses`.
public enum ResponsesReply: Sendable, Hashable {
    /// A streamed response: `response.created`, per item `response.output_item.added` and `.done`, then
    /// `response.completed` with `usage`.
    case output([ResponsesItem], usage: ResponsesUsage)
    /// An HTTP error `status` with `{"error": {"message": message, "type": "server_error"}}`.
    case failure(status: Int, message: String)
    /// No answer for `duration` (a model that hangs), then a 500.
    case stall(Duration)

    /// A reply that runs `command` with the CLI's shell tool.
    public static func exec(callID: String, command: String, usage: ResponsesUsage) -> ResponsesReply {
        .output([.execCommand(callID: callID, command: command)], usage: usage)
    }

    /// A reply with only `text`, which ends the turn.
    public static func message(_ text: String, usage: ResponsesUsage) -> ResponsesReply {
        .output([.message(text)], usage: usage)
    }

    /// The HTTP status: 200 for output, 500 after a stall, else the scripted one.
    var status: Int {
        switch self {
        case .output: 200
        case .failure(let status, _): status
        case .stall: 500
        }
    }

    /// The Server-Sent Events body of an ``output(_:usage:)`` reply with response id `id`.
    func eventStream(id: String) throws -> Data {
        guard case .output(let items, let usage) = self else { return try errorBody() }
        var events: [JSONValue] = [
            [
                "type": "response.created",
                "response": ["id": .string(id), "object": "response", "status": "in_progress"],
            ]
        ]
        for (index, item) in items.enumerated() {
            let json = try item.json(index: index)
            let position = JSONValue.integer(Int64(index))
            events.append(["type": "response.output_item.added", "output_index": position, "item": json])
            events.append(["type": "response.output_item.done", "output_index": position, "item": json])
        }
        events.append(
            [
                "type": "response.completed",
                "response": ["id": .string(id), "object": "response", "status": "completed", "usage": usage.json],
            ])
        var body = Data()
        for event in events {
            body.append(Data("event: \(event["type"]?.stringValue ?? "")\ndata: ".utf8))
            body.append(try event.jsonData())
            body.append(Data("\n\n".utf8))
        }
        return body
    }

    /// The JSON error body of a ``failure(status:message:)`` or ``stall(_:)`` reply.
    func errorBody() throws -> Data {
        let message =
            switch self {
            case .failure(_, let message): message
            case .stall: "scripted Responses API: stalled"
            case .output: "not an error reply"
            }
        let body: JSONValue = ["error": ["message": .string(message), "type": "server_error", "code": .null]]
        return try body.jsonData()
    }
}

/// The replies the server gives, in order, one per `POST /v1/responses`.
public struct ResponsesScript: Sendable {
    /// The replies, in order.
    public var replies: [ResponsesReply]
    /// What happens after the last reply: repeat it, or answer 500 so a test sees the unexpected request.
    public var whenExhausted: ModelScript.Exhaustion

    /// Creates a script.
    public init(_ replies: [ResponsesReply], whenExhausted: ModelScript.Exhaustion = .fail) {
        self.replies = replies
        self.whenExhausted = whenExhausted
    }

    /// The reply to request number `index` (from 0).
    func reply(at index: Int) -> ResponsesReply {
        if replies.indices.contains(index) { return replies[index] }
        if whenExhausted == .repeatLast, let last = replies.last { return last }
        return .failure(
            status: 500,
            message: "scripted Responses API: the script has \(replies.count) replies and request \(index + 1) came")
    }
}
