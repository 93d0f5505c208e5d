/// One HTML start or end tag found in the UTF-8 bytes of untrusted text.
struct HTMLTag {
    /// Where the tag is, `<` through `>`, as byte offsets.
    let range: Range<Int>
    /// The lowercased element name.
    let name: String
    /// True for `</name>`.
    let isClosing: Bool
    /// True for `<name … />`.
    let isSelfClosing: Bool
    /// The lowercased text between the name and `>`.
    let attributes: String

    /// True when the attributes hide the element: `hidden`, or a style with `display:none`, `visibility:hidden`,
    /// `font-size:0` or `opacity:0`.
    var hidesContent: Bool {
        let names = attributes.split { $0.isWhitespace || $0 == "/" }.map { $0.split(separator: "=").first ?? "" }
        if names.contains("hidden") { return true }
        let compact = attributes.filter { !$0.isWhitespace }
        let hiding = ["display:none", "visibility:hidden", "font-size:0", "opacity:0"]
        return hiding.contains { rule in
            compact.ranges(of: rule).contains { match in
                // `opacity:0.5` and `font-size:0.9em` are visible; `opacity:0` and `font-size:0px` are not.
                guard rule.hasSuffix("0"), let next = compact[match.upperBound...].first else { return true }
                return !(next.isNumber || next == ".")
            }
        }
    }

    /// The first tag at or after `start`: `<`, an optional `/`, a letter, then anything up to a `>` outside quotes.
    static func next(in bytes: [UInt8], from start: Int) -> HTMLTag? {
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), let tag = parse(at: index, in: bytes) { return tag }
            index += 1
        }
        return nil
    }

    /// The offset just past the `</name>` that closes an element opened before `start`, counting nested elements
    /// of the same name; nil when it is never closed.
    static func matchingClose(of name: String, in bytes: [UInt8], from start: Int) -> Int? {
        var depth = 1
        var index = start
        while let tag = next(in: bytes, from: index) {
            if tag.name == name, !tag.isSelfClosing {
                depth += tag.isClosing ? -1 : 1
                if depth == 0 { return tag.range.upperBound }
            }
            index = tag.range.upperBound
        }
        return nil
    }

    private static func parse(at open: Int, in bytes: [UInt8]) -> HTMLTag? {
        var index = open + 1
        let isClosing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if isClosing { index += 1 }
        let nameStart = index
        while index < bytes.count, isASCIILetterOrDigit(bytes[index]) { index += 1 }
        guard nameStart < index, !isASCIIDigit(bytes[nameStart]) else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        let attributesStart = index
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                let attributes = String(decoding: bytes[attributesStart..<index], as: UTF8.self)
                return HTMLTag(
                    range: open..<(index + 1), name: name, isClosing: isClosing,
                    isSelfClosing: attributes.hasSuffix("/"), attributes: attributes.lowercased())
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            index += 1
        }
        return nil
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        isASCIIDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}
