import Foundation
import Pipeline

/// One document the offline agent writes: the common frontmatter of design §4 and a body from the stage's template.
///
/// The text depends only on its inputs (no clock, no randomness), so the same work item gives the same bytes.
struct OfflineDocument {
    /// Frontmatter keys this writer always fills, in the order it writes them.
    static let writtenKeys = [
        "doc_id", "type", "status", "owner_role", "stage", "work_item", "related_issues", "related_prs", "version",
        "supersedes", "superseded_by", "generated_by",
    ]
    /// The value given to extra required keys (e.g. `verdict`) the offline agent cannot honestly fill.
    static let pendingValue = "pending"

    let requirement: ArtifactRequirement
    let stage: String
    let workItem: Int
    let ownerRole: String
    let runID: String
    let text: WorkItemText

    /// `wi-<N>-<stage>-<type>`, e.g. `wi-12-intake-brief`.
    var docID: String { "wi-\(workItem)-\(stage)-\(requirement.type)" }

    /// The whole file: frontmatter, a blank line, then the Markdown body.
    func rendered() -> String {
        frontmatter() + "\n" + OfflineTemplates.body(for: requirement.type, context: templateContext)
    }

    private var templateContext: OfflineTemplates.Context {
        OfflineTemplates.Context(
            title: Self.singleLine(text.title), body: text.body, stage: stage, workItem: workItem, ownerRole: ownerRole)
    }

    private func frontmatter() -> String {
        var lines = [
            "---",
            "doc_id: \(YAMLText.scalar(docID))",
            "type: \(YAMLText.scalar(requirement.type))",
            "status: draft",
            "owner_role: \(YAMLText.scalar(ownerRole))",
            "stage: \(YAMLText.scalar(stage))",
            "work_item: \(workItem)",
            "related_issues: [\(workItem)]",
            "related_prs: []",
            "version: 1",
            "supersedes: null",
            "superseded_by: null",
            "generated_by:",
            "  agent: offline",
            "  model: none",
            "  run_id: \(YAMLText.quoted(runID))",
        ]
        var seen = Set(Self.writtenKeys)
        if requirement.type == "open-questions" {
            seen.insert("questions")
            lines += questionLines()
        }
        for key in requirement.requiredKeys where seen.insert(key).inserted {
            lines.append("\(YAMLText.scalar(key)): \(Self.pendingValue)")
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The prefix of a line in the work item's body that the offline agent turns into an open question, so a
    /// test or a demo can make it ask one deterministically (e.g. `Open question: Which page sizes?`).
    static let questionPrefix = "open question:"

    /// The `questions:` frontmatter of an open-questions document: one per `Open question:` line of the body, the
    /// i-th answered with the owner's i-th answer when there is one; `questions: []` when the body asks none.
    private func questionLines() -> [String] {
        let asked = text.body.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix(Self.questionPrefix) else { return nil }
            let question = trimmed.dropFirst(Self.questionPrefix.count).trimmingCharacters(in: .whitespaces)
            return question.isEmpty ? nil : Self.singleLine(question)
        }
        guard !asked.isEmpty else { return ["questions: []"] }
        var lines = ["questions:"]
        for (index, question) in asked.enumerated() {
            lines.append("  - question: \(YAMLText.quoted(question))")
            if index < text.answers.count {
                lines.append("    answered: true")
                lines.append("    answer: \(YAMLText.quoted(Self.singleLine(text.answers[index])))")
            } else {
                lines.append("    answered: false")
            }
        }
        return lines
    }

    /// `title` on one line: line breaks and tabs become spaces, runs of spaces collapse, ends are trimmed.
    static func singleLine(_ title: String) -> String {
        let words = title.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return words.isEmpty ? "Untitled work item" : words.joined(separator: " ")
    }
}
