import Foundation

/// A label, on an issue or in a repository.
public struct Label: Sendable, Hashable, Decodable {
    /// The label's numeric id (Gitea removes labels by it).
    public let id: Int
    /// The name, unique per repository (compared without case by both forges).
    public let name: String
    /// Six hex digits without `#`, when given.
    public let color: String?
    /// The description, when given.
    public let description: String?

    /// Creates a label.
    public init(id: Int, name: String, color: String? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.color = color
        self.description = description
    }

    /// True when `name` names this label; both forges compare label names without case.
    public func isNamed(_ name: String) -> Bool {
        self.name.caseInsensitiveCompare(name) == .orderedSame
    }
}
