import Foundation

/// A document a stage must produce: where it lives, its frontmatter `type`, and the keys its frontmatter must have.
public struct ArtifactRequirement: Sendable, Hashable {
    /// The placeholder in ``pathPattern`` that stands for the work item number.
    public static let workItemPlaceholder = "<N>"

    /// The folder that holds every work item's documents, with the work item placeholder.
    public static let workItemFolder = "docs/work-items/\(workItemPlaceholder)"

    /// Frontmatter keys every artifact has (design §4).
    public static let commonKeys = ["doc_id", "type", "status", "owner_role", "stage", "work_item"]

    /// Repository-relative path with ``workItemPlaceholder``, e.g. `docs/work-items/<N>/intake/brief.md`.
    public let pathPattern: String
    /// The frontmatter `type` value, e.g. `brief`.
    public let type: String
    /// Frontmatter keys that must be present.
    public let requiredKeys: [String]

    /// Creates a requirement; `requiredKeys` defaults to ``commonKeys``.
    public init(pathPattern: String, type: String, requiredKeys: [String] = ArtifactRequirement.commonKeys) {
        self.pathPattern = pathPattern
        self.type = type
        self.requiredKeys = requiredKeys
    }

    /// The artifact's path for work item `number`, e.g. `docs/work-items/12/intake/brief.md`.
    public func path(forWorkItem number: Int) -> String {
        pathPattern.replacingOccurrences(of: Self.workItemPlaceholder, with: String(number))
    }
}
