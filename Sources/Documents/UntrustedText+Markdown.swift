// MARK: - Showing untrusted text on a forge page

extension UntrustedText {
    /// The most characters one rendered line keeps; longer text ends in `…`.
    public static let markdownLineLimit = 1_000

    /// `text` as one line of Markdown that renders as the literal text and nothing else: no HTML (so no comment,
    /// no hidden marker, no `</details>`), no emphasis, link, heading or table cell, and no `@mention` that
    /// notifies anyone.
    ///
    /// Line breaks (and every other control or invisible character) become one space each; `<`, `>`, `&` and `@`
    /// become HTML character references (a reference cannot open a tag or mention a user, and renders as the
    /// character); the Markdown punctuation `` \ ` * _ [ ] | ~ # `` gets a backslash, which Markdown (CommonMark,
    /// GitHub and Gitea alike) shows as the bare character.
    ///
    /// ```swift
    /// UntrustedText.markdownLine("<!-- x -->\n@alice `y`")
    /// // "&lt;!-- x --&gt; &#64;alice \\`y\\`"
    /// ```
    ///
    /// - Parameters:
    ///   - text: raw text from an agent or a user.
    ///   - keepingCodeSpans: for Conveyor's own sentences that quote values in code spans: only line breaks, `<`,
    ///     `>` and `@` are replaced (a value that closes its span still cannot open a tag or mention anyone); the
    ///     Markdown punctuation and `&` stay, because a code span would show their escapes literally.
    ///   - limit: the length cap, in characters, before escaping.
    public static func markdownLine(_ text: String, keepingCodeSpans: Bool = false, limit: Int = markdownLineLimit)
        -> String
    {
        let flat = removeInvisibleCharacters(normalizeLineEndings(text))
            .map { $0.isNewline || $0 == "\t" ? " " : $0 }
        let cut = flat.count > limit ? String(flat.prefix(max(0, limit - 1))) + "…" : String(flat)
        var result = ""
        for character in cut {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "@": result += "&#64;"
            case _ where keepingCodeSpans: result.append(character)
            case "&": result += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#":
                result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }
}
