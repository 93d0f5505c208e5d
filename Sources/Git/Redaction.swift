/// Removes secrets from text that may end up in an error, a log or a description.
enum Redaction {
    /// Replaces every `scheme://userinfo@` with `scheme://` and every non-empty string in `secrets` with `***`.
    static func scrub(_ text: String, secrets: [String] = []) -> String {
        var scrubbed = text.replacing(/:\/\/[^\/\s@]+@/, with: "://")
        for secret in secrets where !secret.isEmpty {
            scrubbed = scrubbed.replacing(secret, with: "***")
        }
        return scrubbed
    }
}
