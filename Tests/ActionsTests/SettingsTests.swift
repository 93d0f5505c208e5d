import Foundation
import Testing

@testable import Actions

/// The one typed settings value: read once, checked with errors naming the variable, never showing the token, and
/// documented exactly in `docs/configuration.md`.
@Suite struct SettingsTests {
    /// The variables named in the first column of the tables under `## Environment` in `docs/configuration.md`.
    static func documentedVariables() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/configuration.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section =
            try #require(text.components(separatedBy: "\n## Environment\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        var names: [String] = []
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let firstCell = line.dropFirst(2).prefix { $0 != "|" }
            for part in firstCell.split(separator: "`") where part.allSatisfy({ $0.isUppercase || $0 == "_" }) {
                names.append(String(part))
            }
        }
        return names
    }

    @Test func theEnvironmentTableListsExactlyTheVariablesSettingsReads() throws {
        let documented = try Self.documentedVariables()
        #expect(documented.count == Set(documented).count, "a variable is documented twice")
        let missing = Set(Settings.variableNames).subtracting(documented).sorted()
        let extra = Set(documented).subtracting(Settings.variableNames).sorted()
        #expect(missing.isEmpty, "read but not documented: \(missing)")
        #expect(extra.isEmpty, "documented but not read: \(extra)")
    }

    @Test func valuesAreTypedAndDefaulted() throws {
        let settings = try Settings([
            "CONVEYOR_AGENT_TIMEOUT_SECONDS": " 90 ", "CONVEYOR_CLAUDE_BIN": "/opt/claude",
            "CONVEYOR_LOG_FILE": "/tmp/log.jsonl", "RUNNER_TEMP": "/runner/tmp", "CONVEYOR_SELF_LOGIN": "bot-a, bot-b",
            "CONVEYOR_AGENT": "offline", "GITHUB_TOKEN": "ghp_secretvalue",
        ])
        #expect(settings.agentTimeout == .seconds(90))
        #expect(settings.claudeExecutable == "/opt/claude")
        #expect(settings.logFile?.path == "/tmp/log.jsonl")
        #expect(settings.runnerTemp?.path == "/runner/tmp")
        #expect(settings.selfLogins == ["bot-a", "bot-b"])
        #expect(settings.agent == "offline")
        #expect(settings.actions.token?.reveal() == "ghp_secretvalue")
        #expect(!"\(settings)".contains("ghp_secretvalue"))
        let defaults = try Settings([:])
        #expect(defaults.claudeExecutable == "claude")
        #expect(defaults.agentTimeout == nil && defaults.logFile == nil && defaults.agentCommand == nil)
    }

    @Test(arguments: [
        ("CONVEYOR_AGENT_TIMEOUT_SECONDS", "soon"), ("CONVEYOR_AGENT_TIMEOUT_SECONDS", "0"),
        ("CONVEYOR_AGENT_TIMEOUT_SECONDS", "153722867280912930"), ("CONVEYOR_LOG_FILE", "logs/run.jsonl"),
        ("RUNNER_TEMP", "tmp"), ("CONVEYOR_STATE_CACHE", "cache"),
    ])
    func badValuesNameTheVariable(variable: String, value: String) {
        #expect {
            try Settings([variable: value])
        } throws: { error in
            let error = error as? SettingsError
            return error?.variable == variable && error?.description.hasPrefix(variable) == true
                && error?.description.contains(value) == true
        }
    }
}

/// `CONVEYOR_REMEDIATION`, the supervisor's kill switch (ADR 0017).
struct RemediationKillSwitchTests {
    @Test func theVariableOrTheRepositoryVariablesMapSetsTheMode() throws {
        #expect(try Settings([:]).remediationMode == nil)
        #expect(try Settings(["CONVEYOR_REMEDIATION": " OFF "]).remediationMode == .off)
        #expect(try Settings(["CONVEYOR_VARS": #"{"conveyor_remediation": "shadow"}"#]).remediationMode == .shadow)
        let both = try Settings(["CONVEYOR_REMEDIATION": "on", "CONVEYOR_VARS": #"{"CONVEYOR_REMEDIATION": "off"}"#])
        #expect(both.remediationMode == .on, "the step's env wins over CONVEYOR_VARS")
    }

    @Test func anUnknownModeNamesTheVariable() {
        #expect(
            throws: SettingsError(
                variable: "CONVEYOR_REMEDIATION", "must be one of `off`, `shadow`, `on`; it is `maybe`.")
        ) {
            try Settings(["CONVEYOR_REMEDIATION": "maybe"])
        }
    }
}
