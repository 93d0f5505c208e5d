/// Cleans text that comes from people outside the repository's control (issue titles, bodies, comments) before it
/// reaches an agent, so that what the agent reads is what a human sees on the forge page.
///
/// ``sanitize(_:limit:)`` removes, in this order:
/// 1. carriage returns (line endings become `\n`; U+2028/U+2029 become `\n` too);
/// 2. invisible characters: control characters other than tab and newline, every Unicode format character
///    (zero-width space/joiners U+200B–U+200F, bidi embeddings and isolates U+202A–U+202E and U+2066–U+2069,
///    U+2060–U+2064, U+FEFF, soft hyphen, tag characters U+E0000–U+E007F…), Hangul fillers and the variation
///    selectors U+E0100–U+E01EF that can smuggle data;
/// 3. HTML comments, including one left open (everything after `<!--` goes);
/// 4. hidden markup: `<script>`, `<style>`, `<template>`, `<noscript>`, `<iframe>`, `<object>`, `<svg>` and any
///    element with a `hidden` attribute or a hiding style (`display:none`, `visibility:hidden`, `font-size:0`,
///    `opacity:0`) go with their content; media and form tags (`<img>`, `<picture>`, `<source>`, `<video>`,
///    `<audio>`, `<input>`, `<meta>`, `<link>`, `<base>`) go without content; `<details>` and `<summary>` tags go but
///    their text stays, because a reader can expand it;
/// 5. Markdown comment lines such as `[//]: # (…)` and `[x]: <> (…)`;
/// 6. trailing spaces and runs of blank lines (one blank line remains).
///
/// The result is cut to `limit` characters, marker included. Sanitizing twice gives the same text as once.
public enum UntrustedText {
    /// The default maximum length, in characters, of one sanitized text.
    public static let defaultLimit = 20_000

    /// `text` with hidden content removed and its length capped (see ``UntrustedText``).
    public static func sanitize(_ text: String, limit: Int = defaultLimit) -> String {
        let cleaned = clean(text)
        let count = cleaned.count
        guard count > limit else { return cleaned }
        let marker = "\n[… truncated by Conveyor: \(count) characters in all]"
        guard limit > marker.count else { return clean(String(cleaned.prefix(max(0, limit)))) }
        // Cleaning the cut text again keeps a second pass from finding anything new at the cut.
        return clean(String(cleaned.prefix(limit - marker.count))) + marker
    }

    /// The default maximum length, in characters, of a one-line title.
    public static let titleLimit = 200

    /// `text` sanitized (see ``UntrustedText``) and made one line: every line break and tab becomes a space, runs
    /// of spaces become one, and the result is trimmed and cut to `limit` characters (an ellipsis marks the cut).
    /// For titles Conveyor writes on the forge (a pull request's title from an issue's): no NUL, no bidi override,
    /// no newline that could start a forged line. An empty result stays empty.
    public static func singleLine(_ text: String, limit: Int = titleLimit) -> String {
        var line = ""
        var pendingSpace = false
        for character in clean(text) {
            if character.isWhitespace {
                pendingSpace = !line.isEmpty
                continue
            }
            if pendingSpace { line.append(" ") }
            pendingSpace = false
            line.append(character)
        }
        guard line.count > limit, limit > 1 else { return line }
        var cut = String(line.prefix(limit - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// Steps 1–6 of ``UntrustedText``, without the length cap.
    private static func clean(_ text: String) -> String {
        var result = removeInvisibleCharacters(normalizeLineEndings(text))
        result = untilStable(result, removeHTMLComments)
        result = untilStable(result, removeHiddenMarkup)
        result = removeMarkdownComments(result)
        return tidyBlankLines(result)
    }

    /// Applies `step` until the text stops changing, so removing one construct cannot assemble another (at most 16
    /// rounds; each round only removes text).
    private static func untilStable(_ text: String, _ step: (String) -> String) -> String {
        var current = text
        for _ in 0..<16 {
            let next = step(current)
            if next == current { return next }
            current = next
        }
        return current
    }

    static func normalizeLineEndings(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": scalars.append("\n")
            case "\n" where previousWasReturn: break
            case "\u{2028}", "\u{2029}": scalars.append("\n")
            default: scalars.append(scalar)
            }
            previousWasReturn = scalar == "\r"
        }
        return String(scalars)
    }

    static func removeInvisibleCharacters(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isInvisible($0) })
        return String(scalars)
    }

    /// True for characters that take no visible space or reorder text without showing themselves.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" || scalar == "\t" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format: return true
        default: break
        }
        switch scalar.value {
        case 0x115F, 0x1160, 0x3164, 0xFFA0: return true  // Hangul fillers
        case 0xE0000...0xE007F, 0xE0100...0xE01EF: return true  // tags, variation selectors supplement
        default: return false
        }
    }

    private static func removeMarkdownComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !isMarkdownComment($0) }
            .joined(separator: "\n")
    }

    /// `[label]: # (…)` or `[label]: <> (…)`: a link reference definition nobody can see, used as a comment.
    /// Checked on Unicode scalars, as a Markdown parser reads them, so a combining mark cannot disguise `#`.
    private static func isMarkdownComment(_ line: Substring) -> Bool {
        let scalars = line.unicodeScalars
        let indent = scalars.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = Array(scalars.dropFirst(indent))
        guard rest.first == "[", let close = rest.indices.first(where: { rest[$0] == "]" }),
            close + 1 < rest.count, rest[close + 1] == ":"
        else { return false }
        let target = rest[(close + 2)...].drop { $0 == " " || $0 == "\t" }
        return target.first == "#" || target.starts(with: ["<", ">"])
    }

    private static func tidyBlankLines(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.reversed().drop { $0 == " " || $0 == "\t" }
            let kept = line.prefix(trimmed.count)
            if kept.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(kept)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
