import Foundation

/// Sets top-level scalar keys in a document's YAML frontmatter, line by line, leaving every other byte alone.
///
/// Used for the status changes Conveyor makes itself (`approved`, `superseded`, `abandoned`) and for `version`
/// and `supersedes`; the values are plain scalars Conveyor chose, never text from the agent or a person.
public enum FrontmatterEdit {
    /// `text` with each key of `values` set: an existing top-level `key:` line is replaced, a missing one is added
    /// before the closing `---`. Nil when `text` does not start with a frontmatter block.
    public static func setting(_ values: [(key: String, value: String)], in text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.indices.dropFirst().first(where: {
                lines[$0].trimmingCharacters(in: .whitespaces) == "---"
            })
        else { return nil }
        var closing = end
        for (key, value) in values {
            let line = "\(key): \(value)"
            if let index = (1..<closing).first(where: { lines[$0].hasPrefix("\(key):") }) {
                lines[index] = line
            } else {
                lines.insert(line, at: closing)
                closing += 1
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The value of the top-level scalar `key` in `text`'s frontmatter, unquoted; nil when absent or `null`.
    public static func value(of key: String, in text: String) -> String? {
        let lines = text.components(separatedBy: "\n")
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        for line in lines.dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == "---" { return nil }
            guard line.hasPrefix("\(key):") else { continue }
            var value = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty || value == "null" || value == "~" ? nil : value
        }
        return nil
    }
}
