import Foundation
import JSON
import Pipeline

// MARK: - `workflow_dispatch` and `workflow_call`

extension EventResolution {
    /// Modes a manual run may ask for.
    static let inputModes = RunMode.manualModes

    /// Reads `issue`, `stage` and `mode` from the overrides first, then the payload's `inputs`, and the optional
    /// `agent` from the payload. Every input arrives as text on Gitea (and may on GitHub): `"12"` and `12` alike.
    func resolveInputs() -> TriggerDecision {
        let inputs = payload.root["inputs"]
        let overrides = context.overrides
        let issueText = overrides.issue.map(String.init) ?? inputs?["issue"]?.text
        let stageText = overrides.stage ?? inputs?["stage"]?.text
        let modeText = overrides.mode ?? inputs?["mode"]?.text
        guard let issueText = nonEmpty(issueText) else {
            return skip(.missingInput, "Input `issue` is missing. Set it to the issue or pull request number.")
        }
        guard let number = Int(issueText), number >= 1 else {
            return skip(.invalidInput, "Input `issue` is `\(issueText)`; set it to an issue or pull request number.")
        }
        let workItem = WorkItemRef(number: number, kind: .issue)
        guard let stageText = nonEmpty(stageText) else {
            return skip(
                .missingInput, "Input `stage` is missing. Set it to one of \(StageName.allNamesList).",
                workItem: workItem)
        }
        guard let stage = StageName(rawValue: stageText.lowercased()) else {
            return skip(
                .invalidInput, "Input `stage` is `\(stageText)`, not a stage. Use one of \(StageName.allNamesList).",
                workItem: workItem)
        }
        let modes = Self.inputModes.map(\.rawValue).joined(separator: ", ")
        let mode: RunMode
        if let modeText = nonEmpty(modeText) {
            guard let parsed = RunMode(rawValue: modeText.lowercased()), Self.inputModes.contains(parsed) else {
                return skip(
                    .invalidInput, "Input `mode` is `\(modeText)`; use one of \(modes) (or leave it empty for run).",
                    workItem: workItem)
            }
            mode = parsed
        } else {
            mode = .run
        }
        var agent: String?
        if let agentText = nonEmpty(inputs?["agent"]?.text) {
            guard AgentDefaults.knownAgents.contains(agentText.lowercased()) else {
                let agents = AgentDefaults.knownAgents.joined(separator: ", ")
                return skip(
                    .invalidInput,
                    "Input `agent` is `\(agentText)`; use one of \(agents) (or leave it empty for the configured agent).",
                    workItem: workItem)
            }
            agent = agentText.lowercased()
        }
        var decided = TriggerRun(
            workItem: workItem, operation: .stage(stage), mode: mode, actor: actor, source: .inputs)
        decided.agent = agent
        return .run(decided)
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
