import Foundation
import JSON

/// One request the scripted model server received, kept so a test can check what the agent sent.
public struct RecordedModelRequest: Sendable {
    /// `GET`, `POST`, …
    public let method: String
    /// The path without the query, e.g. `/v1/messages`.
    public let path: String
    /// Header names (lower case) and values.
    public let headers: [String: String]
    /// The parsed JSON body, or nil when there was none or it was not JSON.
    public let body: JSONValue?
    /// The status the server answered with.
    public let status: Int

    /// True for a `POST /v1/messages` (the model calls the agent makes).
    public var isMessages: Bool { method == "POST" && path == "/v1/messages" }

    /// The `model` the request asked for.
    public var model: String? { body?["model"]?.stringValue }

    /// Whether the request asked for Server-Sent Events.
    public var isStreaming: Bool { body?["stream"]?.boolValue ?? false }

    /// The names of the tools offered to the model.
    public var toolNames: [String] {
        body?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    /// Every text block the user role sent, in order (the prompt is among them).
    public var userTexts: [String] {
        blocks(ofRole: "user").compactMap { block in
            block["type"]?.stringValue == "text" ? block["text"]?.stringValue : nil
        }
    }

    /// The `tool_result` blocks sent back, keyed by `tool_use_id`, with their text content.
    public var toolResults: [String: String] {
        var results: [String: String] = [:]
        for block in blocks(ofRole: "user") where block["type"]?.stringValue == "tool_result" {
            guard let id = block["tool_use_id"]?.stringValue else { continue }
            results[id] = Self.text(of: block["content"])
        }
        return results
    }

    private func blocks(ofRole role: String) -> [JSONValue] {
        let messages = (body?["messages"]?.arrayValue ?? []).filter { $0["role"]?.stringValue == role }
        return messages.flatMap { message -> [JSONValue] in
            if let text = message["content"]?.stringValue { return [["type": "text", "text": .string(text)]] }
            return message["content"]?.arrayValue ?? []
        }
    }

    /// A `tool_result` content: a string, or the joined text of its blocks.
    private static func text(of content: JSONValue?) -> String {
        if let text = content?.stringValue { return text }
        return (content?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
    }
}
