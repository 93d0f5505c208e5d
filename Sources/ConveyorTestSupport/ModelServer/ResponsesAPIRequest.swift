import Foundation
import JSON

/// What a recorded `POST /v1/responses` carried, read the Responses API way (`input` items rather than `messages`).
extension RecordedModelRequest {
    /// True for a `POST /v1/responses` (the model calls the Codex CLI makes).
    public var isResponses: Bool { method == "POST" && path == "/v1/responses" }

    /// The `input` items, in order.
    public var inputItems: [JSONValue] { body?["input"]?.arrayValue ?? [] }

    /// Every `input_text` the user role sent, in order (the prompt is among them, after the CLI's environment
    /// context).
    public var inputTexts: [String] {
        inputItems.filter { $0["type"]?.stringValue == "message" && $0["role"]?.stringValue == "user" }
            .flatMap { $0["content"]?.arrayValue ?? [] }
            .compactMap { $0["type"]?.stringValue == "input_text" ? $0["text"]?.stringValue : nil }
    }

    /// The `function_call_output` items sent back, keyed by `call_id`, with their `output` text.
    public var functionCallOutputs: [String: String] {
        var outputs: [String: String] = [:]
        for item in inputItems where item["type"]?.stringValue == "function_call_output" {
            guard let id = item["call_id"]?.stringValue else { continue }
            outputs[id] = item["output"]?.stringValue ?? ""
        }
        return outputs
    }
}
