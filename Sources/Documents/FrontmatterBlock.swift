import Foundation

/// A Markdown file cut into its frontmatter block and its body.
///
/// The file must begin with a line `---`; the block ends at the next line that is `---` (or `...`). Line endings are
/// normalised to `\n` and a leading byte-order mark is dropped first.
struct FrontmatterBlock {
    /// The YAML text between the delimiters.
    let yaml: String
    /// The Markdown after the closing delimiter line.
    let body: String

    /// The file line of the block's first YAML line: the opening `---` is line 1.
    static let firstYAMLLine = 2

    /// Splits `text`, the contents of `file`.
    ///
    /// - Throws: ``FrontmatterError`` with code `noFrontmatter` or `unterminated`, located at line 1.
    init(splitting text: String, file: String) throws(FrontmatterError) {
        var normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if normalized.hasPrefix("\u{FEFF}") { normalized.removeFirst() }
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, Self.isDelimiter(first, closing: false) else {
            throw FrontmatterError(
                .noFrontmatter, file: file, line: 1,
                "`\(file)` has no YAML frontmatter. Begin the file with a line `---`, then the keys "
                    + "(`doc_id`, `type`, `status`, …), then a closing line `---`.")
        }
        guard let closing = lines.indices.dropFirst().first(where: { Self.isDelimiter(lines[$0], closing: true) })
        else {
            throw FrontmatterError(
                .unterminated, file: file, line: 1,
                "The frontmatter of `\(file)` opened on line 1 is never closed. Add a line `---` after the last key.")
        }
        yaml = lines[1..<closing].joined(separator: "\n")
        body = lines[(closing + 1)...].joined(separator: "\n")
    }

    private static func isDelimiter(_ line: Substring, closing: Bool) -> Bool {
        let trimmed = line.reversed().drop { $0 == " " || $0 == "\t" }
        let text = String(trimmed.reversed())
        return text == "---" || (closing && text == "...")
    }
}
