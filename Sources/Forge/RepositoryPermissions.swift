/// The `permissions` object of `GET /repos/{owner}/{repo}` (the same three fields on GitHub and Gitea): what the
/// token that asked may do in the repository.
public struct RepositoryPermissions: Sendable, Hashable, Decodable {
    /// May change settings.
    public let admin: Bool
    /// May push branches and write issues, comments, labels, pull requests and statuses.
    public let push: Bool
    /// May read.
    public let pull: Bool

    /// True when the answer says the token may read but not write: `pull` without `push` or `admin`.
    ///
    /// An answer with every flag false says nothing: GitHub reports that for GitHub App installation tokens
    /// (`GITHUB_TOKEN` is one) whatever they may do, and the token has just read the repository, so it is not a
    /// token without access. Such an answer is not a refusal.
    public var isReadOnly: Bool { pull && !push && !admin }

    /// Creates a value.
    public init(admin: Bool, push: Bool, pull: Bool) {
        self.admin = admin
        self.push = push
        self.pull = pull
    }

    /// Decodes the three flags; a missing flag counts as false, the safe reading.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        admin = try container.decodeIfPresent(Bool.self, forKey: .admin) ?? false
        push = try container.decodeIfPresent(Bool.self, forKey: .push) ?? false
        pull = try container.decodeIfPresent(Bool.self, forKey: .pull) ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case admin, push, pull
    }
}
