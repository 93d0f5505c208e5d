import Foundation

/// Percent-encodes one URL path segment or query value.
enum URLText {
    /// RFC 3986's unreserved characters: ASCII letters and digits, `-`, `.`, `_`, `~`.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Everything but letters, digits, `-`, `_`, `.` and `~` is encoded, so a name can never add a
    /// segment (`/`), a query (`?`) or a fragment (`#`); a segment of only dots is encoded entirely,
    /// so that it cannot climb the path.
    static func encode(_ text: String) -> String {
        if !text.isEmpty, text.allSatisfy({ $0 == "." }) {
            return String(repeating: "%2E", count: text.count)
        }
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
