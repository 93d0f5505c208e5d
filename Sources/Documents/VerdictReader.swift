import Foundation
import Pipeline

/// Reads a machine verdict from a frontmatter field against a ``VerdictRule``'s frozen token sets.
///
/// The value is trimmed and lowercased and must then equal a token exactly: `passed_with_concerns` is not `pass`,
/// and `9/10 checks PASS` is nothing. A failing token is checked first and always wins. A missing, null, list or
/// mapping value, or one in neither set, fails with a reason. Verdicts never come from the Markdown body.
public enum VerdictReader {
    /// The verdict of `rule.field` in `frontmatter`, the frontmatter of the file at `path`.
    public static func read(_ rule: VerdictRule, from frontmatter: Frontmatter, path: String) -> VerdictReading {
        read(rule, value: frontmatter.value(forKey: rule.field), path: path)
    }

    /// The verdict of the file at `path` under `root`; unreadable or malformed frontmatter fails with its problems.
    public static func read(_ rule: VerdictRule, documentAt path: String, in root: URL) -> VerdictReading {
        do {
            let document = try ArtifactDocument.read(path: path, in: root)
            return read(rule, from: document.frontmatter, path: path)
        } catch {
            let problems = error.problems.map { "line \($0.line): \($0.message)" }.joined(separator: " ")
            return VerdictReading(
                outcome: .fail, field: rule.field, value: nil,
                reason: "No verdict could be read from `\(path)`: \(problems)")
        }
    }

    /// The verdict for `value`, the value of `rule.field` (nil when absent) in the file at `path`.
    public static func read(_ rule: VerdictRule, value: YAMLValue?, path: String) -> VerdictReading {
        let field = rule.field
        let expected =
            "Set `\(field):` to one of \(list(rule.passTokens)) (passing) or \(list(rule.failTokens)) "
            + "(failing)."
        guard let value, !value.isNull else {
            return VerdictReading(
                outcome: .fail, field: field, value: nil,
                reason: "`\(path)` has no `\(field)` in its frontmatter, so there is no verdict. \(expected)")
        }
        guard let text = value.scalarText else {
            return VerdictReading(
                outcome: .fail, field: field, value: nil,
                reason: "`\(field)` in `\(path)` is \(value.kindName), not a single token. \(expected)")
        }
        let written = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let token = normalize(written)
        if normalizedSet(rule.failTokens).contains(token) {
            return VerdictReading(
                outcome: .fail, field: field, value: written,
                reason: "`\(path)` says `\(field): \(written)`, a failing verdict. Address the findings in the "
                    + "document, then run the stage again.")
        }
        if normalizedSet(rule.passTokens).contains(token) {
            return VerdictReading(
                outcome: .pass, field: field, value: written,
                reason: "`\(path)` says `\(field): \(written)`, a passing verdict.")
        }
        return VerdictReading(
            outcome: .fail, field: field, value: written,
            reason: "`\(field): \(written)` in `\(path)` is not a recognised verdict token (tokens match exactly, "
                + "not as part of a longer value). \(expected)")
    }

    /// The comparable form of a token: trimmed and lowercased.
    public static func normalize(_ token: String) -> String {
        token.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    private static func normalizedSet(_ tokens: Set<String>) -> Set<String> {
        Set(tokens.map(normalize))
    }

    private static func list(_ tokens: Set<String>) -> String {
        tokens.isEmpty ? "(none)" : tokens.map(normalize).sorted().map { "`\($0)`" }.joined(separator: ", ")
    }
}
