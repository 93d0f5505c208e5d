/// How a verdict gate reads its verdict: one frontmatter field of one document, matched against frozen token sets.
///
/// Tokens match exactly (not as substrings). A failing token wins over a passing one; a value in neither set, or a
/// missing field, fails with a reason.
public struct VerdictRule: Sendable, Hashable {
    /// The `type` of the document that carries the verdict, e.g. `audit-report`.
    public let documentType: String
    /// The frontmatter field, e.g. `verdict`.
    public let field: String
    /// Tokens that pass the gate.
    public let passTokens: Set<String>
    /// Tokens that fail the gate; authoritative over ``passTokens``.
    public let failTokens: Set<String>

    /// Creates a rule reading `field` of the document of type `documentType`.
    public init(documentType: String, field: String, passTokens: Set<String>, failTokens: Set<String>) {
        self.documentType = documentType
        self.field = field
        self.passTokens = passTokens
        self.failTokens = failTokens
    }
}
