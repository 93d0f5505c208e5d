/// Who caused the event (the payload's `sender`), as far as the payload says.
public struct Actor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The account type from the payload's `type` field.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A person (`"User"`).
        case user = "User"
        /// An app or bot account (`"Bot"`).
        case bot = "Bot"
        /// An organization (`"Organization"`).
        case organization = "Organization"
        /// The payload does not say (Gitea user objects have no `type`) or says something else.
        case unspecified
    }

    /// The account's login (Gitea: `login`, or `username` when `login` is absent).
    public let login: String
    /// The account type.
    public let type: Kind

    /// Creates an actor.
    public init(login: String, type: Kind) {
        self.login = login
        self.type = type
    }

    public var description: String { type == .unspecified ? login : "\(login) (\(type.rawValue))" }
}
