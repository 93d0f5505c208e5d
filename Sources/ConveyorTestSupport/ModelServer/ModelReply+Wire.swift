import Foundation
import JSON

extension ModelReply {
    /// The non-streaming JSON body (`"stream": false`).
    func messageBody(id: String, model: String) throws -> Data {
        guard case .message(let content, let usage) = self else { return try errorBody() }
        let message: JSONValue = [
            "id": .string(id), "type": "message", "role": "assistant", "model": .string(model),
            "content": .array(content.map(\.json)), "stop_reason": .string(stopReason), "stop_sequence": .null,
            "usage": usage.json(output: usage.output),
        ]
        return try message.jsonData()
    }

    /// The Server-Sent Events body (`"stream": true`): `message_start`, per block `content_block_start`, one
    /// delta and `content_block_stop`, then `message_delta` with the stop reason and output tokens, and
    /// `message_stop`.
    func eventStream(id: String, model: String) throws -> Data {
        guard case .message(let content, let usage) = self else { return try errorBody() }
        var events: [(String, JSONValue)] = [
            (
                "message_start",
                [
                    "type": "message_start",
                    "message": [
                        "id": .string(id), "type": "message", "role": "assistant", "model": .string(model),
                        "content": [], "stop_reason": .null, "stop_sequence": .null, "usage": usage.json(output: 1),
                    ],
                ]
            )
        ]
        for (index, block) in content.enumerated() {
            let position = JSONValue.integer(Int64(index))
            events.append(
                (
                    "content_block_start",
                    ["type": "content_block_start", "index": position, "content_block": block.startJSON]
                ))
            events.append(
                (
                    "content_block_delta",
                    ["type": "content_block_delta", "index": position, "delta": try block.deltaJSON()]
                ))
            events.append(("content_block_stop", ["type": "content_block_stop", "index": position]))
        }
        events.append(
            (
                "message_delta",
                [
                    "type": "message_delta", "delta": ["stop_reason": .string(stopReason), "stop_sequence": .null],
                    "usage": ["output_tokens": .integer(Int64(usage.output))],
                ]
            ))
        events.append(("message_stop", ["type": "message_stop"]))
        var body = Data()
        for (name, payload) in events {
            body.append(Data("event: \(name)\ndata: ".utf8))
            body.append(try payload.jsonData())
            body.append(Data("\n\n".utf8))
        }
        return body
    }

    /// The error body of a ``failure(status:errorType:message:)`` or ``stall(_:)`` reply.
    func errorBody() throws -> Data {
        let (errorType, message) =
            switch self {
            case .failure(_, let errorType, let message): (errorType, message)
            case .stall: ("overloaded_error", "scripted model server: stalled")
            case .message, .computed: ("api_error", "not an error reply")
            }
        let body: JSONValue = ["type": "error", "error": ["type": .string(errorType), "message": .string(message)]]
        return try body.jsonData()
    }

    /// The HTTP status: 200 for a message, 529 after a stall, else the scripted one.
    var status: Int {
        switch self {
        case .message: 200
        case .failure(let status, _, _): status
        case .stall: 529
        case .computed: 500
        }
    }
}

extension ModelUsage {
    /// The `usage` object with `output` as the output count.
    func json(output: Int) -> JSONValue {
        [
            "input_tokens": .integer(Int64(input)), "output_tokens": .integer(Int64(output)),
            "cache_read_input_tokens": .integer(Int64(cacheRead)),
            "cache_creation_input_tokens": .integer(Int64(cacheCreation)),
        ]
    }
}

extension ModelContent {
    /// The whole block, as a non-streaming message holds it.
    var json: JSONValue {
        switch self {
        case .text(let text):
            ["type": "text", "text": .string(text)]
        case .toolUse(let id, let name, let input):
            ["type": "tool_use", "id": .string(id), "name": .string(name), "input": input]
        }
    }

    /// The block as `content_block_start` announces it (empty text, empty input).
    var startJSON: JSONValue {
        switch self {
        case .text:
            ["type": "text", "text": ""]
        case .toolUse(let id, let name, _):
            ["type": "tool_use", "id": .string(id), "name": .string(name), "input": [:]]
        }
    }

    /// The single delta that carries the block's content: `text_delta` or `input_json_delta`.
    func deltaJSON() throws -> JSONValue {
        switch self {
        case .text(let text):
            return ["type": "text_delta", "text": .string(text)]
        case .toolUse(_, _, let input):
            let partial = String(decoding: try input.jsonData(), as: UTF8.self)
            return ["type": "input_json_delta", "partial_json": .string(partial)]
        }
    }
}
