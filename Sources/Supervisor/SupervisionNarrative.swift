import Documents
import Foundation

/// What the supervisor did in one job and why, phase by phase (research S004-15): launch, diagnostics,
/// auto-remediation, rerun, escalation. Rendered as a section of the status comment and of the incident report.
public struct SupervisionNarrative: Sendable, Equatable {
    /// The five phases, in order.
    public enum Phase: String, Sendable, CaseIterable {
        case launch = "Launch"
        case diagnostics = "Diagnostics"
        case remediation = "Auto-remediation"
        case rerun = "Rerun"
        case escalation = "Escalation"
    }

    /// The entries, in the order they happened.
    public private(set) var entries: [(phase: Phase, text: String)] = []

    /// An empty narrative.
    public init() {}

    /// Adds a sentence to `phase`.
    mutating func add(_ phase: Phase, _ text: String) {
        entries.append((phase, text))
    }

    /// True when something beyond the first launch happened: a failure was seen.
    public var hasFailures: Bool { entries.contains { $0.phase != .launch } }

    /// The hidden lines that delimit the section in a status comment, so a later job can replace it.
    public static let sectionStart = "<!-- conveyor:supervisor -->"
    public static let sectionEnd = "<!-- /conveyor:supervisor -->"

    /// The section as Markdown lines: a heading, then each phase that has entries with its sentences. Every
    /// sentence goes through ``UntrustedText/markdownLine(_:keepingCodeSpans:limit:)``: summaries quote error text.
    public func markdown(mode: String) -> [String] {
        guard hasFailures else { return [] }
        var lines = [Self.sectionStart, "**Self-healing** (\(mode) mode)"]
        for phase in Phase.allCases {
            let texts = entries.filter { $0.phase == phase }.map(\.text)
            guard !texts.isEmpty else { continue }
            lines.append("- _\(phase.rawValue)_")
            lines += texts.map { "  - " + UntrustedText.markdownLine($0, keepingCodeSpans: true) }
        }
        lines.append(Self.sectionEnd)
        return lines
    }

    public static func == (lhs: SupervisionNarrative, rhs: SupervisionNarrative) -> Bool {
        lhs.entries.map { "\($0.phase.rawValue):\($0.text)" } == rhs.entries.map { "\($0.phase.rawValue):\($0.text)" }
    }

    /// `body` with its supervisor section (if any) replaced by `section`, or `section` appended.
    public static func replacingSection(in body: String, with section: [String]) -> String {
        var text = body
        if let start = text.range(of: sectionStart),
            let end = text.range(of: sectionEnd, range: start.upperBound..<text.endIndex)
        {
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        while text.hasSuffix("\n\n") { text.removeLast() }
        guard !section.isEmpty else { return text }
        return text + (text.hasSuffix("\n") ? "\n" : "\n\n") + section.joined(separator: "\n") + "\n"
    }
}
