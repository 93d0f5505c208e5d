/// One forge call as errors describe it: what it does, in words, and the token access it needs.
struct APIOperation: Sendable {
    /// The operation in words, e.g. `add labels to issue #7`; completes "Could not …".
    let summary: String
    /// What the token must be allowed to do.
    let access: TokenAccess

    init(_ summary: String, needs access: TokenAccess) {
        self.summary = summary
        self.access = access
    }
}
