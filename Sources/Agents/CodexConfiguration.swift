import Foundation

/// The `config.toml` Conveyor writes into each run's own `CODEX_HOME`, and the variables it is made from.
///
/// ```toml
/// model = "gpt-5.5"                        # only when the stage names a model
/// model_provider = "conveyor"
/// approval_policy = "never"
///
/// [sandbox_workspace_write]
/// network_access = false
/// exclude_slash_tmp = true                 # /tmp is not writable for tool commands
/// exclude_tmpdir_env_var = true            # nor is $TMPDIR
///
/// [model_providers.conveyor]
/// name = "Conveyor"
/// base_url = "https://api.openai.com/v1"   # OPENAI_BASE_URL
/// wire_api = "responses"
/// env_key = "OPENAI_API_KEY"
/// request_max_retries = 2                  # CONVEYOR_CODEX_MAX_RETRIES
/// stream_max_retries = 2
///
/// [features]
/// plugins = false                          # no plugin sync at start-up
///
/// [analytics]
/// enabled = false                          # no usage metrics sent to OpenAI
/// ```
///
/// Conveyor's own provider entry, rather than the CLI's built-in `openai` one, makes every setting explicit: the CLI
/// reads the key from `OPENAI_API_KEY` (it fails before any request when the variable is missing), and the retries
/// are bounded (the CLI's defaults retry a 500 for about 25 seconds). The wall-clock timeout bounds the run in any
/// case. With plugins on (its default), Codex 0.147 runs `git ls-remote` of a GitHub plugin repository and asks
/// chatgpt.com for featured plugins at every start, and with analytics on it sends metrics to ab.chatgpt.com:
/// traffic a job does not need, to hosts the run never named.
struct CodexConfiguration: Sendable, Hashable {
    /// The variable holding the model API's base URL, `…/v1` (read from the scrubbed environment).
    static let baseURLVariable = "OPENAI_BASE_URL"
    /// The variable the CLI reads the API key from.
    static let apiKeyVariable = "OPENAI_API_KEY"
    /// The variable bounding the CLI's retries of a failed request and of a broken stream (each), 0 to 10.
    static let maxRetriesVariable = "CONVEYOR_CODEX_MAX_RETRIES"
    /// The OpenAI API, used when ``baseURLVariable`` is unset.
    static let defaultBaseURL = "https://api.openai.com/v1"
    /// Retries per request and per stream when ``maxRetriesVariable`` is unset.
    static let defaultMaxRetries = 2
    /// The name of the provider entry.
    static let providerName = "conveyor"

    /// The model to ask for, or nil for the CLI's default.
    var model: String?
    /// The Responses API base URL, ending in `/v1`.
    var baseURL: String
    /// Retries of a failed request, and separately of a broken stream.
    var maxRetries: Int

    /// Reads the settings for a run.
    ///
    /// - Parameters:
    ///   - environment: the scrubbed environment the CLI gets.
    ///   - parentEnvironment: the environment before scrubbing, to tell "unset" from "withheld".
    /// - Throws: ``AgentError/Code/invalidInvocation`` when the base URL is not an `http(s)` URL or was withheld
    ///   because it holds a password, or when the retry count is not a whole number from 0 to 10.
    init(model: String?, environment: [String: String], parentEnvironment: [String: String]) throws(AgentError) {
        self.model = model.flatMap { $0.isEmpty ? nil : $0 }
        let variable = Self.baseURLVariable
        if let url = environment[variable], !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                parsed.host != nil
            else {
                throw AgentError(
                    code: .invalidInvocation,
                    message: "\(variable) must be an http or https URL such as \(Self.defaultBaseURL); fix or "
                        + "unset it.")
            }
            baseURL = url
        } else if parentEnvironment[variable].map({ !$0.isEmpty }) == true {
            throw AgentError(
                code: .invalidInvocation,
                message: "\(variable) holds a password, so it is not handed to the Codex CLI. Put the credential in "
                    + "\(Self.apiKeyVariable) and give \(variable) without one.")
        } else {
            baseURL = Self.defaultBaseURL
        }
        let retries = parentEnvironment[Self.maxRetriesVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let retries {
            guard let count = Int(retries.trimmingCharacters(in: .whitespaces)), (0...10).contains(count) else {
                throw AgentError(
                    code: .invalidInvocation,
                    message: "\(Self.maxRetriesVariable) must be a whole number from 0 to 10; it is `\(retries)`.")
            }
            maxRetries = count
        } else {
            maxRetries = Self.defaultMaxRetries
        }
    }

    /// The file's text.
    var text: String {
        var lines = ["# Written by Conveyor for one run of the Codex CLI; the CLI may add to it."]
        if let model { lines.append("model = \(Self.quoted(model))") }
        lines += [
            "model_provider = \(Self.quoted(Self.providerName))",
            "approval_policy = \"never\"",
            "",
            "[sandbox_workspace_write]",
            "network_access = false",
            "exclude_slash_tmp = true",
            "exclude_tmpdir_env_var = true",
            "",
            "[model_providers.\(Self.providerName)]",
            "name = \"Conveyor\"",
            "base_url = \(Self.quoted(baseURL))",
            "wire_api = \"responses\"",
            "env_key = \(Self.quoted(Self.apiKeyVariable))",
            "request_max_retries = \(maxRetries)",
            "stream_max_retries = \(maxRetries)",
            "",
            "[features]",
            "plugins = false",
            "",
            "[analytics]",
            "enabled = false",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `value` as a TOML basic string: quotes, backslashes and control characters escaped.
    static func quoted(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += String(format: "\\u%04X", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"\(escaped)\""
    }
}
