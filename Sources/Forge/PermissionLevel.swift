/// A collaborator's access to a repository, from most to least.
///
/// GitHub has all six roles; Gitea has admin (its `owner` counts as admin), write, read and none.
/// Levels compare by rank: `.maintain > .write`.
public enum PermissionLevel: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Full control, including settings.
    case admin
    /// Manage the repository without destructive settings (GitHub).
    case maintain
    /// Push, and manage issues and pull requests.
    case write
    /// Manage issues and pull requests without push (GitHub).
    case triage
    /// Read and open issues.
    case read
    /// No access.
    case none

    /// The least level that may start Conveyor.
    public static let requiredToTrigger = PermissionLevel.write

    /// Reads a forge's name for a level, ignoring case: the six names above, and Gitea's `owner` as
    /// ``admin``. Nil for anything else (e.g. a GitHub Enterprise custom role).
    public init?(forgeName: String) {
        let name = forgeName.lowercased()
        if name == "owner" {
            self = .admin
        } else if let level = PermissionLevel(rawValue: name) {
            self = level
        } else {
            return nil
        }
    }

    /// True for admin, maintain and write.
    public var mayTrigger: Bool { self >= Self.requiredToTrigger }

    /// The level's name.
    public var description: String { rawValue }

    /// Higher access ranks higher.
    public static func < (lhs: PermissionLevel, rhs: PermissionLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .none: 0
        case .read: 1
        case .triage: 2
        case .write: 3
        case .maintain: 4
        case .admin: 5
        }
    }
}

/// The body of `GET …/collaborators/{login}/permission` on both forges, reduced to the level.
public struct CollaboratorPermission: Sendable, Hashable, Decodable {
    /// The level it grants.
    public let level: PermissionLevel

    private enum CodingKeys: String, CodingKey {
        case permission
        case roleName = "role_name"
    }

    /// Takes `role_name` when it names a level (current GitHub reports all six roles there; Gitea
    /// `owner`, `admin`, `write`, `read`), else `permission`, which on GitHub is the 2021 subset
    /// admin/write/read/none that reports maintain as write and triage as read. Anything
    /// unrecognised, or nothing, is ``PermissionLevel/none``: access is never guessed upwards.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let roleName = try container.decodeIfPresent(String.self, forKey: .roleName)
        let permission = try container.decodeIfPresent(String.self, forKey: .permission)
        level =
            roleName.flatMap(PermissionLevel.init(forgeName:)) ?? permission.flatMap(PermissionLevel.init(forgeName:))
            ?? .none
    }
}
