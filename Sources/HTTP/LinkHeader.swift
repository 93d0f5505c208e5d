import Foundation

/// The targets of an RFC 8288 `Link` header, by relation type.
///
/// `<https://api.github.com/…?page=2>; rel="next", <…?page=5>; rel="last"` gives
/// `["next": …page=2, "last": …page=5]`.
struct LinkHeader: Sendable, Equatable {
    /// Target URL by relation type (lower-cased); a link with several types appears under each.
    let targets: [String: URL]

    /// Parses every `Link` value; malformed entries are skipped.
    init(values: [String]) {
        var targets: [String: URL] = [:]
        for value in values {
            for (target, relations) in Self.entries(in: value) {
                for relation in relations where targets[relation] == nil { targets[relation] = target }
            }
        }
        self.targets = targets
    }

    /// The `rel="next"` target, if any.
    var next: URL? { targets["next"] }

    /// Splits one header value into `<target>; params` entries. Scanning for `<` and `>` keeps
    /// commas inside a URL from splitting it.
    private static func entries(in value: String) -> [(URL, [String])] {
        var entries: [(URL, [String])] = []
        var rest = value[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let target = String(rest[rest.index(after: open)..<close])
            let afterTarget = rest[rest.index(after: close)...]
            let paramsEnd = afterTarget.firstIndex(of: "<") ?? afterTarget.endIndex
            if let url = URL(string: target) {
                entries.append((url, relations(in: afterTarget[..<paramsEnd])))
            }
            rest = afterTarget[paramsEnd...]
        }
        return entries
    }

    /// The space-separated values of the `rel` parameter, lower-cased.
    private static func relations(in params: Substring) -> [String] {
        for param in params.split(separator: ";") {
            let pair = param.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "rel" else { continue }
            let unquoted = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\",")).lowercased()
            return unquoted.split(separator: " ").map(String.init)
        }
        return []
    }
}
