/// A comment on an issue or pull request.
public struct IssueComment: Sendable, Hashable, Decodable {
    /// The comment's id, used to edit it.
    public let id: Int
    /// The Markdown body.
    public let body: String
    /// Who wrote it.
    public let author: Account
    /// The comment's web address, when given.
    public let htmlURL: String?

    /// Creates a value.
    public init(id: Int, body: String, author: Account, htmlURL: String? = nil) {
        self.id = id
        self.body = body
        self.author = author
        self.htmlURL = htmlURL
    }

    private enum CodingKeys: String, CodingKey {
        case id, body, user
        case htmlURL = "html_url"
    }

    /// Decodes both forges' comment JSON; a null or missing body is empty, other fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        author = try container.decode(Account.self, forKey: .user)
        htmlURL = try container.decodeIfPresent(String.self, forKey: .htmlURL)
    }
}
