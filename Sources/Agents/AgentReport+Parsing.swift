import Foundation
import JSON

extension AgentReport {
    /// Reads the result object from an agent's output.
    ///
    /// Accepted shapes: the whole text is one JSON object (`--output-format json`, also pretty-printed); the whole
    /// text is a JSON array of messages, whose last object is taken; or lines of text and JSON (`stream-json`, or
    /// log lines before the result), whose last line that is a JSON object is taken.
    ///
    /// - Returns: the report, or why there is none (empty output, no JSON object).
    public static func parse(_ text: String) -> Result<AgentReport, InvalidAgentOutput> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return .failure(InvalidAgentOutput(reason: "the agent printed no result: the output is empty"))
        }
        if let whole = resultObject(in: trimmed) {
            return .success(AgentReport(members: whole))
        }
        let lines = trimmed.split(whereSeparator: \.isNewline)
        for line in lines.reversed() {
            let candidate = line.trimmingCharacters(in: .whitespaces)
            guard candidate.hasPrefix("{"), let object = JSONValue.parse(candidate)?.objectValue else { continue }
            return .success(AgentReport(members: object))
        }
        let count = lines.count == 1 ? "1 line" : "\(lines.count) lines"
        return .failure(InvalidAgentOutput(reason: "the output has no JSON result object (\(count) of text)"))
    }

    /// The object `text` holds when it is one JSON object, or the last object of a JSON array.
    private static func resultObject(in text: String) -> [String: JSONValue]? {
        guard let first = text.first, first == "{" || first == "[", let value = JSONValue.parse(text) else {
            return nil
        }
        if let object = value.objectValue { return object }
        return value.arrayValue?.last { $0.objectValue != nil }?.objectValue
    }

    /// Fills a report from a result object, ignoring keys it does not know and values of the wrong type.
    init(members: [String: JSONValue]) {
        self.init()
        type = members["type"]?.stringValue
        subtype = members["subtype"]?.stringValue
        isError = members["is_error"]?.boolValue
        resultText = members["result"]?.stringValue
        sessionID = members["session_id"]?.stringValue
        costUSD = members["total_cost_usd"]?.doubleValue ?? members["cost_usd"]?.doubleValue
        usage = members["usage"]?.objectValue.map(Self.usage)
        if subtype == "error_max_budget_usd" { usage = Self.wholeRunUsage(usage, models: members["modelUsage"]) }
        numTurns = members["num_turns"]?.integerValue
        durationMS = members["duration_ms"]?.integerValue
        apiErrorStatus = members["api_error_status"]?.integerValue
        terminalReason = members["terminal_reason"]?.stringValue
        errors = members["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
        permissionDenials = (members["permission_denials"]?.arrayValue ?? []).compactMap(Self.denial)
        model = Self.dominantModel(members["modelUsage"]) ?? members["model"]?.stringValue
    }

    private static func usage(_ members: [String: JSONValue]) -> TokenUsage {
        TokenUsage(
            input: members["input_tokens"]?.integerValue ?? 0,
            output: members["output_tokens"]?.integerValue ?? 0,
            cacheRead: members["cache_read_input_tokens"]?.integerValue ?? members["cache_read_tokens"]?.integerValue
                ?? 0,
            cacheCreation: members["cache_creation_input_tokens"]?.integerValue
                ?? members["cache_creation_tokens"]?.integerValue ?? 0)
    }

    /// For a result cut short at `--max-budget-usd`, whose `usage` holds only the last model call (Claude Code
    /// 2.1.330): the sum of `modelUsage`'s counts, which cover the whole run, when that is larger. (Other results keep
    /// `usage`, which does not count side calls to other models that `modelUsage` lists.)
    private static func wholeRunUsage(_ usage: TokenUsage?, models: JSONValue?) -> TokenUsage? {
        guard let models = models?.objectValue, !models.isEmpty else { return usage }
        var sum = TokenUsage()
        for counts in models.values {
            sum.input += counts["inputTokens"]?.integerValue ?? 0
            sum.output += counts["outputTokens"]?.integerValue ?? 0
            sum.cacheRead += counts["cacheReadInputTokens"]?.integerValue ?? 0
            sum.cacheCreation += counts["cacheCreationInputTokens"]?.integerValue ?? 0
        }
        guard let usage else { return sum }
        return sum.fullInput + sum.output > usage.fullInput + usage.output ? sum : usage
    }

    private static func denial(_ value: JSONValue) -> PermissionDenial? {
        guard let tool = value["tool_name"]?.stringValue else { return nil }
        return PermissionDenial(toolName: tool, filePath: value["tool_input"]?["file_path"]?.stringValue)
    }

    /// The `modelUsage` key with the most `outputTokens` (ties go to the alphabetically first name).
    private static func dominantModel(_ value: JSONValue?) -> String? {
        guard let models = value?.objectValue else { return nil }
        let ranked = models.map { name, usage in (name: name, output: usage["outputTokens"]?.integerValue ?? 0) }
        return ranked.sorted { $0.output != $1.output ? $0.output > $1.output : $0.name < $1.name }.first?.name
    }
}
