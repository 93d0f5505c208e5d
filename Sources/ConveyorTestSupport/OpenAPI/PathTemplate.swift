/// An OpenAPI path template such as `/repos/{owner}/{repo}/issues/{issue_number}`, matched segment by segment.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    /// One `/`-separated piece of a template.
    public enum Segment: Sendable, Hashable {
        /// Text that must appear as is, e.g. `issues`.
        case literal(String)
        /// A `{name}` placeholder that matches any one non-empty segment.
        case parameter(String)
    }

    /// The template as written.
    public let text: String
    /// The pieces between slashes.
    public let segments: [Segment]

    /// Splits `text` into segments; a segment is a parameter when it is exactly `{name}`.
    public init(_ text: String) {
        self.text = text
        segments = text.split(separator: "/").map { piece in
            piece.hasPrefix("{") && piece.hasSuffix("}") && piece.count > 2
                ? .parameter(String(piece.dropFirst().dropLast())) : .literal(String(piece))
        }
    }

    public var description: String { text }

    /// The template with every parameter name blanked (`/repos/{}/{}/issues/{}`), so templates that differ
    /// only in how they name parameters compare equal.
    public var shape: String {
        "/"
            + segments.map { segment in
                if case .literal(let text) = segment { text } else { "{}" }
            }.joined(separator: "/")
    }

    /// The parameter values when `path` (no query, no base path) fits this template, else nil.
    ///
    /// `/repos/o/r/issues/3` against `/repos/{owner}/{repo}/issues/{issue_number}` gives
    /// `["owner": "o", "repo": "r", "issue_number": "3"]`. Values stay percent-encoded.
    public func match(_ path: String) -> [String: String]? {
        let pieces = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard path.hasPrefix("/"), pieces.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, piece) in zip(segments, pieces) {
            switch segment {
            case .literal(let text) where text == piece:
                continue
            case .parameter(let name) where !piece.isEmpty:
                values[name] = String(piece)
            default:
                return nil
            }
        }
        return values
    }

    /// True when this template should win over `other` for a path both match: at the first segment where they
    /// differ in kind, the literal beats the parameter (`issues/comments/{id}` beats `issues/{index}/comments`).
    public func isMoreSpecific(than other: PathTemplate) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) {
            switch (mine, theirs) {
            case (.literal, .parameter): return true
            case (.parameter, .literal): return false
            default: continue
            }
        }
        return false
    }
}
