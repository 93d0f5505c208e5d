/// Changes to an issue (`PATCH …/issues/{n}` on both forges); nil fields stay as they are.
public struct IssueUpdate: Sendable, Hashable, Encodable {
    /// A new title; must not be empty.
    public var title: String?
    /// A new Markdown body.
    public var body: String?

    /// Creates a value; give at least one field.
    public init(title: String? = nil, body: String? = nil) {
        self.title = title
        self.body = body
    }

    /// True when applying this to `issue` would change nothing, so the write can be skipped.
    public func isApplied(to issue: Issue) -> Bool {
        (title == nil || title == issue.title) && (body == nil || body == issue.body)
    }
}
