import Foundation

/// Removes credentials from text before it goes into an error: the whole `Authorization` value
/// and the credential after its scheme word (`Bearer`, `token`, `Basic`).
struct SecretRedactor: Sendable {
    private let secrets: [String]

    /// A redactor for the given `Authorization` values; nil and empty values are ignored.
    init(authorizationValues: [String?]) {
        var secrets: [String] = []
        for case let value? in authorizationValues where !value.isEmpty {
            secrets.append(value)
            let parts = value.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { secrets.append(parts[1].trimmingCharacters(in: .whitespaces)) }
        }
        // Longest first, so a full value is replaced before the token inside it.
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// `text` with every secret replaced by `[redacted]`.
    func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
