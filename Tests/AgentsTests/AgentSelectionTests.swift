import Agents
import Pipeline
import Testing

/// `--agent`, then `CONVEYOR_AGENT`, then the repository configuration, then the stage default.
@Suite("Agent selection")
struct AgentSelectionTests {
    @Test("Each setting wins over the ones below it")
    func precedence() throws {
        let environment = ["CONVEYOR_AGENT": "command"]
        #expect(
            try AgentSelection.resolve(
                flag: "offline", environment: environment, repositoryConfiguration: "claude", stageDefault: "claude")
                == AgentSelection(kind: .offline, source: .flag))
        #expect(
            try AgentSelection.resolve(
                flag: nil, environment: environment, repositoryConfiguration: "offline", stageDefault: "claude")
                == AgentSelection(kind: .command, source: .environment))
        #expect(
            try AgentSelection.resolve(
                flag: nil, environment: [:], repositoryConfiguration: "offline", stageDefault: "claude")
                == AgentSelection(kind: .offline, source: .repositoryConfiguration))
        #expect(
            try AgentSelection.resolve(
                flag: nil, environment: [:], repositoryConfiguration: nil, stageDefault: "claude")
                == AgentSelection(kind: .claude, source: .stageDefault))
    }

    @Test("Blank values count as unset; names are case-insensitive")
    func blanks() throws {
        let selection = try AgentSelection.resolve(
            flag: "  ", environment: ["CONVEYOR_AGENT": ""], repositoryConfiguration: "Offline", stageDefault: "claude")
        #expect(selection == AgentSelection(kind: .offline, source: .repositoryConfiguration))
    }

    @Test("An unknown name is an error naming its source, not a silent fall-through")
    func unknownName() {
        let error = #expect(throws: AgentError.self) {
            try AgentSelection.resolve(
                flag: nil, environment: ["CONVEYOR_AGENT": "gpt-agent"], repositoryConfiguration: "claude",
                stageDefault: "claude")
        }
        #expect(error?.code == .unknownAgent)
        #expect(error?.message.contains("CONVEYOR_AGENT") == true)
        #expect(error?.message.contains("claude, codex, command, offline") == true)
    }

    @Test("The configuration accepts exactly the agents this module runs")
    func configurationKnowsEveryAgent() {
        #expect(AgentKind.allCases.map(\.rawValue) == AgentDefaults.knownAgents)
    }
}
