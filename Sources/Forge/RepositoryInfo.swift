/// The facts about a repository that Conveyor uses.
public struct RepositoryInfo: Sendable, Hashable, Decodable {
    /// `owner/name`.
    public let fullName: String
    /// The branch new work starts from, e.g. `main`.
    public let defaultBranch: String
    /// The repository's web page, when given.
    public let htmlURL: String?
    /// True for a private repository (false when not given).
    public let isPrivate: Bool
    /// What the token that asked may do here, as the forge reports it; nil when the answer has no `permissions`.
    public let permissions: RepositoryPermissions?

    /// Creates a value.
    public init(
        fullName: String, defaultBranch: String, htmlURL: String? = nil, isPrivate: Bool = false,
        permissions: RepositoryPermissions? = nil
    ) {
        self.permissions = permissions
        self.fullName = fullName
        self.defaultBranch = defaultBranch
        self.htmlURL = htmlURL
        self.isPrivate = isPrivate
    }

    private enum CodingKeys: String, CodingKey {
        case fullName = "full_name"
        case defaultBranch = "default_branch"
        case htmlURL = "html_url"
        case isPrivate = "private"
        case permissions
    }

    /// Decodes the fields above; others are ignored, and a missing `private` means public.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fullName = try container.decode(String.self, forKey: .fullName)
        defaultBranch = try container.decode(String.self, forKey: .defaultBranch)
        htmlURL = try container.decodeIfPresent(String.self, forKey: .htmlURL)
        isPrivate = try container.decodeIfPresent(Bool.self, forKey: .isPrivate) ?? false
        permissions = try container.decodeIfPresent(RepositoryPermissions.self, forKey: .permissions)
    }
}
