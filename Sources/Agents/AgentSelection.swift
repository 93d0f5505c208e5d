import Foundation

/// Where the chosen agent came from, highest precedence first.
public enum AgentSelectionSource: String, Sendable, Hashable, CustomStringConvertible {
    /// The `--agent` command-line flag.
    case flag = "--agent"
    /// The `CONVEYOR_AGENT` environment variable.
    case environment = "CONVEYOR_AGENT"
    /// The repository's `.conveyor/config.yml`.
    case repositoryConfiguration = "repository configuration"
    /// The stage's built-in default.
    case stageDefault = "stage default"

    public var description: String { rawValue }
}

/// The agent a run will use and which setting chose it.
public struct AgentSelection: Sendable, Hashable {
    /// The environment variable that overrides the configured agent.
    public static let environmentVariable = "CONVEYOR_AGENT"

    /// The chosen agent.
    public let kind: AgentKind
    /// The setting that chose it.
    public let source: AgentSelectionSource

    /// Creates a selection.
    public init(kind: AgentKind, source: AgentSelectionSource) {
        self.kind = kind
        self.source = source
    }

    /// Picks the agent: the `--agent` flag, else `CONVEYOR_AGENT` in `environment`, else the repository
    /// configuration's value, else the stage default. Blank values count as unset.
    ///
    /// - Throws: ``AgentError/Code/unknownAgent`` when the first value that is set names no known agent; the
    ///   message says which setting held it. A bad higher-precedence value never silently falls through to a
    ///   lower one.
    public static func resolve(
        flag: String?, environment: [String: String], repositoryConfiguration: String?, stageDefault: String
    ) throws(AgentError) -> AgentSelection {
        let candidates: [(String?, AgentSelectionSource)] = [
            (flag, .flag),
            (environment[environmentVariable], .environment),
            (repositoryConfiguration, .repositoryConfiguration),
            (stageDefault, .stageDefault),
        ]
        for (value, source) in candidates {
            guard let name = value?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { continue }
            guard let kind = AgentKind(rawValue: name.lowercased()) else {
                throw AgentError(
                    code: .unknownAgent,
                    message: "The agent `\(name)` from \(source) is not one Conveyor knows; use one of "
                        + "\(AgentKind.allNamesList).")
            }
            return AgentSelection(kind: kind, source: source)
        }
        throw AgentError(
            code: .unknownAgent,
            message: "No agent is configured: pass --agent, set \(environmentVariable), or name one in the "
                + "repository configuration.")
    }
}
