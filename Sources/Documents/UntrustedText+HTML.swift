// MARK: - HTML comments and hidden markup

extension UntrustedText {
    /// Elements removed together with everything inside them.
    static let elementsDroppedWithContent: Set<String> = [
        "script", "style", "template", "noscript", "iframe", "object", "svg",
    ]
    /// Tags removed on their own; the text around them stays.
    static let tagsDropped: Set<String> = [
        "img", "picture", "source", "video", "audio", "track", "input", "meta", "link", "base", "embed", "details",
        "summary",
    ]
    /// Elements that never have content or a closing tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// `text` without `<!-- … -->` comments; an unclosed comment runs to the end. `<!-->` and `<!--->` are empty
    /// comments, as in HTML.
    ///
    /// Works on UTF-8 bytes, like an HTML parser on code points, so a combining mark after `--` cannot hide the
    /// delimiter from the search.
    static func removeHTMLComments(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while let open = bytes.firstRange(of: Array("<!--".utf8), from: index) {
            result += bytes[index..<open.lowerBound]
            guard let close = bytes.firstRange(of: Array("-->".utf8), from: open.lowerBound + 2) else {
                return String(decoding: result, as: UTF8.self)
            }
            index = close.upperBound
        }
        return String(decoding: result + bytes[index...], as: UTF8.self)
    }

    /// `text` without hidden elements and dropped tags (see ``UntrustedText``).
    static func removeHiddenMarkup(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while let tag = HTMLTag.next(in: bytes, from: index) {
            result += bytes[index..<tag.range.lowerBound]
            let dropped = elementsDroppedWithContent.contains(tag.name) || tag.hidesContent
            if dropped, !tag.isClosing, !tag.isSelfClosing, !voidElements.contains(tag.name) {
                guard let end = HTMLTag.matchingClose(of: tag.name, in: bytes, from: tag.range.upperBound) else {
                    return String(decoding: result, as: UTF8.self)
                }
                index = end
                continue
            }
            if !dropped, !tagsDropped.contains(tag.name) {
                result += bytes[tag.range]
            }
            index = tag.range.upperBound
        }
        return String(decoding: result + bytes[index...], as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// The first occurrence of `pattern` at or after `start`.
    func firstRange(of pattern: [UInt8], from start: Int) -> Range<Int>? {
        guard !pattern.isEmpty, count >= pattern.count, start <= count - pattern.count else { return nil }
        for offset in start...(count - pattern.count) where self[offset] == pattern[0] {
            if self[offset..<offset + pattern.count].elementsEqual(pattern) { return offset..<offset + pattern.count }
        }
        return nil
    }
}
