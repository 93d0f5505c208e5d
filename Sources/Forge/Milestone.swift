/// A milestone of one repository: the container a release collects its issues and pull requests in.
///
/// GitHub addresses a milestone by its per-repository ``number``, Gitea by its database id; both are decoded into
/// ``number`` so a caller can build either forge's links and filters from it.
public struct Milestone: Sendable, Hashable, Decodable {
    /// GitHub's per-repository `number`, or Gitea's `id` (Gitea has no separate number).
    public let number: Int
    /// The title, e.g. `2.8.0`; both forges let two milestones share one, so look up before creating.
    public let title: String
    /// The description; empty when the forge sends none.
    public let description: String
    /// Open or closed.
    public let state: IssueState

    /// Creates a value.
    public init(number: Int, title: String, description: String = "", state: IssueState = .open) {
        self.number = number
        self.title = title
        self.description = description
        self.state = state
    }

    private enum CodingKeys: String, CodingKey {
        case number, id, title, description, state
    }

    /// Decodes GitHub's `milestone` (with `number`) and Gitea's `Milestone` (with only `id`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decodeIfPresent(Int.self, forKey: .number) ?? container.decode(Int.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        state = try container.decodeIfPresent(IssueState.self, forKey: .state) ?? .open
    }
}

/// A git tag as the forge lists it (`GET /repos/{owner}/{repo}/tags`): its name and the commit it points at.
public struct RepositoryTag: Sendable, Hashable, Decodable {
    /// The tag's name without `refs/tags/`, e.g. `v2.7.0`.
    public let name: String
    /// The SHA of the tagged commit, when the forge sends it.
    public let sha: String?

    /// Creates a value.
    public init(name: String, sha: String? = nil) {
        self.name = name
        self.sha = sha
    }

    private enum CodingKeys: String, CodingKey { case name, commit }
    private struct Commit: Decodable { let sha: String? }

    /// Decodes both forges' tag JSON (`{name, commit: {sha, …}, …}`); other fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        sha = try container.decodeIfPresent(Commit.self, forKey: .commit)?.sha
    }
}
