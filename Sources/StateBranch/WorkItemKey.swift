/// Names one work item (an issue or a pull request) in the state database.
///
/// Issues and pull requests share one number sequence per repository, so `repository` and `number` identify the
/// item; ``kind`` is only used when the item is first recorded.
public struct WorkItemKey: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The repository as `owner/name`.
    public var repository: String
    /// The issue or pull request number (from 1).
    public var number: Int
    /// `issue` or `pull_request`; stored when the item is first recorded.
    public var kind: String

    /// Creates a key; `kind` defaults to `issue`.
    public init(repository: String, number: Int, kind: String = "issue") {
        self.repository = repository
        self.number = number
        self.kind = kind
    }

    /// `owner/name#12`.
    public var description: String { "\(repository)#\(number)" }
}
