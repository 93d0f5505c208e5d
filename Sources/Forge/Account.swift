/// A forge user, bot or organisation, as named in an issue, comment or event.
public struct Account: Sendable, Hashable, Decodable {
    /// The login (GitHub `login`; Gitea `login`, or `username` in older payloads).
    public let login: String
    /// What kind of account it is; ``AccountKind/unknown`` when the forge does not say (Gitea).
    public let kind: AccountKind

    /// Creates an account.
    public init(login: String, kind: AccountKind = .unknown) {
        self.login = login
        self.kind = kind
    }

    /// True for a bot: GitHub's type `Bot`, or a login ending in `[bot]` (GitHub Apps), whatever the type says.
    public var isBot: Bool {
        kind == .bot || login.lowercased().hasSuffix("[bot]")
    }

    private enum CodingKeys: String, CodingKey {
        case login, username, type
    }

    /// Decodes `login` (or `username`) and GitHub's optional `type`; other fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let login = try container.decodeIfPresent(String.self, forKey: .login)
        let username = try container.decodeIfPresent(String.self, forKey: .username)
        guard let login = login ?? username else {
            throw DecodingError.keyNotFound(
                CodingKeys.login,
                DecodingError.Context(
                    codingPath: container.codingPath, debugDescription: "An account has neither login nor username."))
        }
        self.login = login
        kind = AccountKind(forgeType: try container.decodeIfPresent(String.self, forKey: .type))
    }
}

/// The sender of an event, whose permission ``Authorizer`` checks.
public typealias Sender = Account

/// The kind of a forge account.
public enum AccountKind: String, Sendable, Hashable, CaseIterable {
    /// A person's account (GitHub type `User`).
    case user
    /// An automation account (GitHub type `Bot`, e.g. a GitHub App).
    case bot
    /// An organisation (GitHub type `Organization`).
    case organization
    /// The forge did not say (Gitea), or said something unknown.
    case unknown

    /// Reads GitHub's `type` field (`User`, `Bot`, `Organization`), ignoring case; nil or anything else
    /// is ``unknown``.
    public init(forgeType: String?) {
        switch forgeType?.lowercased() {
        case "user": self = .user
        case "bot": self = .bot
        case "organization": self = .organization
        default: self = .unknown
        }
    }
}
