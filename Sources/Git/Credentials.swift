/// How Conveyor authenticates to a git remote over HTTP(S).
///
/// The token is only ever handed to libgit2's credential callback; ``description`` and every ``GitError``
/// leave it out.
public struct Credentials: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case none
        case userPassword(username: String, password: String)
    }

    let kind: Kind

    /// No credentials: fine for public remotes; a remote that asks for some fails with ``GitError/Code/auth``.
    public static let none = Credentials(kind: .none)

    /// A token sent as the password of HTTP basic authentication, as GitHub and Gitea accept it.
    ///
    /// - Parameters:
    ///   - token: the access token, e.g. the job's `GITHUB_TOKEN`.
    ///   - username: the user name sent with it; forges ignore it for tokens, `x-access-token` by convention.
    public static func token(_ token: String, username: String = "x-access-token") -> Credentials {
        Credentials(kind: .userPassword(username: username, password: token))
    }

    /// Strings that must never appear in an error or a log.
    var secrets: [String] {
        switch kind {
        case .none: []
        case .userPassword(_, let password): [password]
        }
    }

    /// True when a token was given.
    var hasToken: Bool {
        if case .userPassword = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .none: "no credentials"
        case .userPassword(let username, _): "token for user \(username) (hidden)"
        }
    }
}
