import Foundation
import Pipeline
import StateBranch

/// The report an escalation leaves (research S004-14): Markdown with YAML frontmatter naming the run and attempt
/// ids, the class, the signals, what was tried, hypotheses and links, then the narrative. Committed on the state
/// branch beside the database and summarised in the status comment.
struct IncidentReport {
    let context: SupervisorContext
    let classification: FailureClassification
    let reason: String
    let tried: [FailureRecord]
    let narrative: SupervisionNarrative
    let path: String
    /// The job's attempt that failed last, from 1.
    let attempt: Int

    var markdown: String {
        var lines = ["---"]
        lines.append("type: incident")
        lines.append("run_id: \(quoted(context.runID))")
        if let forgeRunID = context.forgeRunID { lines.append("forge_run_id: \(quoted(forgeRunID))") }
        lines.append("forge_run_attempt: \(context.forgeAttempt)")
        let attempts = (tried.map(\.attemptID) + [context.attemptID(attempt)]).uniqued()
        lines.append("attempt_ids: [\(attempts.map(quoted).joined(separator: ", "))]")
        lines.append("work_item: \(context.workItem.number)")
        lines.append("repository: \(quoted(context.workItem.repository))")
        lines.append("stage: \(context.stage.rawValue)")
        lines.append("class: \(classification.failureClass.rawValue)")
        lines.append("confidence: \(String(format: "%.2f", classification.confidence))")
        lines.append("signature: \(quoted(classification.signature))")
        lines.append("signals:")
        lines += classification.signals.map { "  - {kind: \($0.kind.rawValue), value: \(quoted($0.value))}" }
        lines.append("tried:")
        lines +=
            tried.isEmpty
            ? ["  []"]
            : tried.map {
                "  - {attempt: \(quoted($0.attemptID)), class: \($0.failureClass), action: \($0.action), "
                    + "mode: \($0.mode), result: \($0.result)}"
            }
        lines.append("hypotheses:")
        lines += hypotheses.map { "  - \(quoted($0))" }
        lines.append("links: [\(context.links.map(quoted).joined(separator: ", "))]")
        lines.append("need: \(classification.failureClass.need.rawValue)")
        lines.append("created_at: \(quoted(ISO8601DateFormatter().string(from: Date())))")
        lines.append("---")
        lines.append("# Incident: \(context.stage.rawValue) on #\(context.workItem.number)")
        lines.append("")
        lines.append("Why the supervisor stopped: \(reason).")
        lines.append("")
        lines.append("What failed: \(classification.summary)")
        lines.append("")
        lines += narrative.entries.map { "- \($0.phase.rawValue): \($0.text)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where to look first, by class.
    private var hypotheses: [String] {
        switch classification.failureClass {
        case .infra:
            [
                "The forge or the network was down or rate-limited for longer than the retries waited.",
                "The runner lost its connection; a later job may pass unchanged.",
            ]
        case .env:
            [
                "A program, secret or permission the stage needs is missing from the job.",
                "The checkout could not be prepared (credentials, disk space, leftovers).",
            ]
        case .data:
            ["Something the run refers to (issue, branch, fixture) is missing or invalid."]
        case .flaky:
            ["A gate command depends on timing or order; quarantine or fix the test."]
        case .product:
            [
                "The agent's change does not meet the gate; the reasons say what is missing.",
                "The task may be unclear; answer with `/revise <what to change>`.",
            ]
        case .automation:
            [
                "The agent CLI hung, crashed or printed no result; its transcript (verbose on the rerun) shows where.",
                "The stage's timeout may be too short for the task.",
            ]
        case .policy:
            ["The agent wrote outside the stage's write scope or moved history; nothing was pushed."]
        case .unknown:
            ["No rule matched; read the job log and the transcript."]
        }
    }

    private func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ") + "'"
    }
}
