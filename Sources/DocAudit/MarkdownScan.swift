import Foundation

/// What the audit needs from one Markdown file: its lines, where its frontmatter ends, its links and the anchors
/// its headings define. A line scanner, not a full CommonMark parser: fenced code blocks and inline code spans are
/// skipped, inline links, images and reference definitions are read, and ATX and setext headings give anchors.
struct MarkdownScan: Sendable {
    /// One link target, as written, at a line of the file.
    struct Link: Sendable, Hashable {
        /// The target between the parentheses (or after a reference definition's `:`), angle brackets removed.
        let target: String
        /// The 1-based line.
        let line: Int
    }

    /// The file's lines, line endings normalised to `\n`, a byte-order mark dropped.
    let lines: [Substring]
    /// The number of lines of the frontmatter block including both `---` lines; 0 when there is none.
    let frontmatterLineCount: Int
    /// Every link outside code, in file order.
    private(set) var links: [Link] = []
    /// The anchors headings and explicit `id`/`name` attributes define, GitHub style (`## Doc audits` → `doc-audits`).
    private(set) var anchors: Set<String> = []

    /// True when the file begins with a `---` line (it carries frontmatter, parsed or not).
    var hasFrontmatter: Bool { frontmatterLineCount > 0 || lines.first.map(Self.isDelimiter) == true }

    init(text: String) {
        var normalized = text
        if normalized.contains("\r") {
            normalized = normalized.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
                of: "\r", with: "\n")
        }
        if normalized.hasPrefix("\u{FEFF}") { normalized.removeFirst() }
        let all = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        lines = all
        if let first = all.first, Self.isDelimiter(first),
            let closing = all.indices.dropFirst().first(where: {
                Self.isDelimiter(all[$0]) || all[$0].trimmingCharacters(in: .whitespaces) == "..."
            })
        {
            frontmatterLineCount = closing + 1
        } else {
            frontmatterLineCount = 0
        }
        scan()
    }

    /// The 1-based line of the frontmatter key `key` (written at the start of a line as `key:`), or nil.
    func frontmatterLine(ofKey key: String) -> Int? {
        guard frontmatterLineCount > 0 else { return nil }
        for index in 1..<max(frontmatterLineCount - 1, 1) {
            let line = lines[index]
            if line.hasPrefix(key), line.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" {
                return index + 1
            }
        }
        return nil
    }

    private static func isDelimiter(_ line: Substring) -> Bool {
        line.trimmingCharacters(in: .whitespaces) == "---"
    }

    // MARK: - Scanning

    private mutating func scan() {
        var fence: (character: Character, length: Int)?
        var slugCounts: [String: Int] = [:]
        var previousText: Substring?
        for index in frontmatterLineCount..<lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.prefix(while: { $0 == open.character }).count >= open.length,
                    trimmed.drop(while: { $0 == open.character }).allSatisfy(\.isWhitespace)
                {
                    fence = nil
                }
                previousText = nil
                continue
            }
            if let marker = trimmed.first, marker == "`" || marker == "~" {
                let run = trimmed.prefix { $0 == marker }.count
                if run >= 3 {
                    fence = (marker, run)
                    previousText = nil
                    continue
                }
            }
            if line.hasPrefix("    ") || line.hasPrefix("\t") {
                previousText = nil
                continue
            }
            if let heading = Self.atxHeading(trimmed) {
                addAnchor(for: heading, counts: &slugCounts)
                previousText = nil
            } else if let previous = previousText, !trimmed.isEmpty,
                trimmed.allSatisfy({ $0 == "=" }) || (trimmed.allSatisfy({ $0 == "-" }) && trimmed.count >= 2)
            {
                addAnchor(for: previous, counts: &slugCounts)
                previousText = nil
                continue
            } else {
                previousText = trimmed.isEmpty ? nil : trimmed
            }
            collectLinks(in: line, lineNumber: index + 1)
            collectExplicitAnchors(in: line)
        }
    }

    /// The text of an ATX heading (`## Title ##` → `Title`), or nil.
    private static func atxHeading(_ line: Substring) -> Substring? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)[...]
        while text.hasSuffix("#") { text = text.dropLast() }
        return text.trimmingCharacters(in: .whitespaces)[...]
    }

    private mutating func addAnchor(for heading: Substring, counts: inout [String: Int]) {
        let slug = Self.slug(heading)
        let seen = counts[slug, default: 0]
        counts[slug] = seen + 1
        anchors.insert(seen == 0 ? slug : "\(slug)-\(seen)")
    }

    /// GitHub's heading anchor: inline markup removed, lowercased, characters other than letters, digits, spaces,
    /// `-` and `_` dropped, spaces turned into `-`. Gitea derives the same ids.
    static func slug(_ heading: Substring) -> String {
        var text = String(heading)
        // A link in a heading contributes its text only.
        if text.contains("](") {
            text = text.replacingOccurrences(
                of: #"!?\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        }
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        return slug
    }

    /// Inline links and images `[text](target "title")`, and reference definitions `[name]: target`, outside
    /// inline code spans.
    private mutating func collectLinks(in line: Substring, lineNumber: Int) {
        let characters = Array(line)
        var index = 0
        var inCode = 0
        if let definition = Self.referenceDefinition(line) {
            links.append(Link(target: definition, line: lineNumber))
            return
        }
        while index < characters.count {
            let character = characters[index]
            if character == "`" {
                let run = characters[index...].prefix { $0 == "`" }.count
                inCode = inCode == 0 ? run : (inCode == run ? 0 : inCode)
                index += run
                continue
            }
            if inCode == 0, character == "]", index + 1 < characters.count, characters[index + 1] == "(" {
                var end = index + 2
                var depth = 1
                while end < characters.count {
                    if characters[end] == "(" { depth += 1 }
                    if characters[end] == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    end += 1
                }
                if end < characters.count {
                    let inside = String(characters[(index + 2)..<end]).trimmingCharacters(in: .whitespaces)
                    if let target = Self.target(of: inside) {
                        links.append(Link(target: target, line: lineNumber))
                    }
                    index = end + 1
                    continue
                }
            }
            index += 1
        }
    }

    /// The destination of a link's parenthesised part: `<a b.md>`, or the text up to the first space (a title
    /// may follow).
    private static func target(of inside: String) -> String? {
        if inside.hasPrefix("<"), let close = inside.firstIndex(of: ">") {
            return String(inside[inside.index(after: inside.startIndex)..<close])
        }
        let target = inside.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        return target.isEmpty ? nil : target
    }

    /// `[name]: target` at the start of a line (up to three spaces of indentation).
    private static func referenceDefinition(_ line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3, trimmed.first == "[", !trimmed.hasPrefix("[^"),
            let close = trimmed.firstIndex(of: "]"), trimmed[trimmed.index(after: close)...].first == ":"
        else { return nil }
        let rest = trimmed[trimmed.index(close, offsetBy: 2)...].trimmingCharacters(in: .whitespaces)
        return target(of: rest)
    }

    /// `id="…"` and `name="…"` attributes of HTML anchors.
    private mutating func collectExplicitAnchors(in line: Substring) {
        guard line.contains("<a ") || line.contains(" id=") else { return }
        let text = String(line)
        let pattern = #"(?:id|name)\s*=\s*["']([^"']+)["']"#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return }
        let range = NSRange(text.startIndex..., in: text)
        for match in expression.matches(in: text, range: range) {
            if let value = Range(match.range(at: 1), in: text) { anchors.insert(String(text[value])) }
        }
    }
}
