import JSON

/// Token counts one scripted model reply reports.
///
/// Input and cache counts go out in `message_start` (as the real API sends them), output tokens in `message_delta`.
/// Claude Code sums these over a run's requests into its result's `usage`.
public struct ModelUsage: Sendable, Hashable {
    /// `input_tokens`.
    public var input: Int
    /// `output_tokens`.
    public var output: Int
    /// `cache_read_input_tokens`.
    public var cacheRead: Int
    /// `cache_creation_input_tokens`.
    public var cacheCreation: Int

    /// Creates the counts.
    public init(input: Int, output: Int, cacheRead: Int = 0, cacheCreation: Int = 0) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheCreation = cacheCreation
    }
}

/// One content block of a scripted assistant message.
public enum ModelContent: Sendable, Hashable {
    /// A text block.
    case text(String)
    /// A tool call; `id` must be unique within the conversation (e.g. `toolu_01`).
    case toolUse(id: String, name: String, input: JSONValue)

    /// A call of Claude Code's `Write` tool that creates `filePath` (absolute) with `content`.
    public static func write(id: String, filePath: String, content: String) -> ModelContent {
        .toolUse(id: id, name: "Write", input: ["file_path": .string(filePath), "content": .string(content)])
    }
}

/// What the server answers to one `POST /v1/messages`.
public enum ModelReply: Sendable, Hashable {
    /// An assistant message; `stopReason` is `tool_use` when it calls tools, else `end_turn`.
    case message(content: [ModelContent], usage: ModelUsage)
    /// An API error: `status` with `{"type":"error","error":{"type":errorType,"message":message}}`.
    case failure(status: Int, errorType: String, message: String)
    /// No answer for `duration` (a model that hangs), then a 529 `overloaded_error`.
    case stall(Duration)
    /// A reply made when the request arrives, from what it carries (e.g. earlier tool results), like a model that
    /// reacts to what its tools found.
    case computed(ModelReplyBuilder)

    /// A reply that calls `tools` (all in one message).
    public static func tools(_ tools: [ModelContent], usage: ModelUsage) -> ModelReply {
        .message(content: tools, usage: usage)
    }

    /// A reply with only `text`, which ends the agent's turn.
    public static func text(_ text: String, usage: ModelUsage) -> ModelReply {
        .message(content: [.text(text)], usage: usage)
    }

    /// The reply itself, or for ``computed(_:)`` the one its builder makes from `request`.
    func resolved(for request: RecordedModelRequest) -> ModelReply {
        guard case .computed(let builder) = self else { return self }
        return builder.build(request)
    }

    /// `end_turn`, or `tool_use` when the message calls a tool.
    var stopReason: String {
        guard case .message(let content, _) = self else { return "end_turn" }
        let callsTool = content.contains { if case .toolUse = $0 { true } else { false } }
        return callsTool ? "tool_use" : "end_turn"
    }
}

/// Makes a reply from the request it answers; equal when named alike (the name says what it does).
public struct ModelReplyBuilder: Sendable, Hashable {
    /// What the builder does, e.g. `read the parent's environ`.
    public let name: String
    let build: @Sendable (RecordedModelRequest) -> ModelReply

    /// Creates a builder; `build` must not return another ``ModelReply/computed(_:)``.
    public init(_ name: String, build: @escaping @Sendable (RecordedModelRequest) -> ModelReply) {
        self.name = name
        self.build = build
    }

    public static func == (lhs: ModelReplyBuilder, rhs: ModelReplyBuilder) -> Bool { lhs.name == rhs.name }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// The replies the server gives, in order, one per `POST /v1/messages`.
public struct ModelScript: Sendable {
    /// What happens once every reply has been given.
    public enum Exhaustion: Sendable {
        /// Keep giving the last reply (for "the model never stops calling tools").
        case repeatLast
        /// Answer 500 with a message saying the script ran out, so a test sees an unexpected extra request.
        case fail
    }

    /// The replies, in order.
    public var replies: [ModelReply]
    /// What happens after the last reply.
    public var whenExhausted: Exhaustion

    /// Creates a script.
    public init(_ replies: [ModelReply], whenExhausted: Exhaustion = .fail) {
        self.replies = replies
        self.whenExhausted = whenExhausted
    }

    /// The reply to request number `index` (from 0).
    func reply(at index: Int) -> ModelReply {
        if replies.indices.contains(index) { return replies[index] }
        if whenExhausted == .repeatLast, let last = replies.last { return last }
        return .failure(
            status: 500, errorType: "api_error",
            message: "scripted model server: the script has \(replies.count) replies and request \(index + 1) came")
    }
}
