import Foundation

/// The Markdown bodies the offline agent writes, per document type.
///
/// They restate the work item (its body verbatim, quoted) and say plainly that no model wrote them: they are
/// drafts for the owner role to complete, good enough to exercise the pipeline end to end.
enum OfflineTemplates {
    /// What a template may use.
    struct Context {
        let title: String
        let body: String
        let stage: String
        let workItem: Int
        let ownerRole: String
    }

    /// Heading and sections per document type; other types get ``genericSections``.
    private static let sectionsByType: [String: (heading: String, sections: [String])] = [
        "problem": (
            "Problem statement",
            [
                "## The request\n\n{request}",
                "## Problem\n\n{title}. The offline agent restates the request; the {role} refines it.",
            ]
        ),
        "personas": (
            "Personas",
            ["## Primary persona\n\nWhoever raised work item #{n}: they need {title_lower}."]
        ),
        "scope": (
            "MVP scope",
            ["## In scope\n\n- {title}", "## Out of scope\n\n- Anything work item #{n} does not ask for."]
        ),
        "constraints": (
            "Constraints",
            ["## Constraints\n\n- None stated in work item #{n} beyond its description:\n\n{request}"]
        ),
        "brief": (
            "Brief",
            [
                "## Summary\n\n{title}", "## Request\n\n{request}",
                "## Status\n\nDrafted by the offline agent for stage `{stage}`; no model was consulted.",
            ]
        ),
        "open-questions": (
            "Open questions",
            [
                "## Questions\n\nThe offline agent asks only what the work item lists on lines starting with "
                    + "`Open question:`; they are in this document's frontmatter, with the owner's answers."
            ]
        ),
    ]

    private static let genericSections = [
        "## Work item\n\n{request}",
        "## Draft\n\nA placeholder written by the offline agent for stage `{stage}`; the {role} completes it.",
    ]

    /// The body of a `type` document.
    static func body(for type: String, context: Context) -> String {
        let entry = sectionsByType[type]
        let heading = entry?.heading ?? humanized(type)
        let sections = entry?.sections ?? genericSections
        let text = (["# \(heading): {title}"] + sections).joined(separator: "\n\n") + "\n"
        return fill(text, context: context)
    }

    /// Replaces each `{name}` of the template in one pass, so text inserted from the work item is never scanned
    /// for placeholders itself.
    private static func fill(_ template: String, context: Context) -> String {
        let values = [
            "request": quoted(context.body),
            "title_lower": lowercasedFirst(context.title),
            "title": context.title,
            "role": context.ownerRole.isEmpty ? "owner" : context.ownerRole,
            "stage": context.stage,
            "n": String(context.workItem),
        ]
        var text = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            text += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }

    /// `body` as a Markdown block quote, line by line (CRLF normalised), or a note when it is empty.
    static func quoted(_ body: String) -> String {
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
        guard !normalized.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return "> (The work item has no description.)"
        }
        return normalized.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> \($0)" }
            .joined(separator: "\n")
    }

    /// `test-plan` → `Test plan`.
    private static func humanized(_ type: String) -> String {
        let words = type.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    private static func lowercasedFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }
}
