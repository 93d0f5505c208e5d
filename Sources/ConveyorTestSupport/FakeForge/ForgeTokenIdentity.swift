import Foundation

/// Who the fake forge's token acts as: the author of what it writes, and what `GET /user` answers.
public enum ForgeTokenIdentity: Sendable, Equatable {
    /// A user's token (a personal access token, a Gitea bot user's token): `GET /user` answers with this login
    /// and the comments the token posts are by it.
    case user(String)
    /// A GitHub App installation token: the comments it posts are by `<slug>[bot]` (type `Bot`), and `GET /user`
    /// answers 403 "Resource not accessible by integration", as GitHub does for installation tokens.
    case app(slug: String)

    /// The login the forge records as the author of the token's writes.
    public var login: String {
        switch self {
        case .user(let login): login
        case .app(let slug): "\(slug)[bot]"
        }
    }
}

extension ForgeState {
    /// The login the token writes as: the configured identity's, else the repository owner's.
    func writerLogin(ownerOfRepository owner: String) -> String {
        tokenIdentity?.login ?? owner
    }

    func setTokenIdentity(_ identity: ForgeTokenIdentity?) {
        tokenIdentity = identity
    }

    /// `GET /user`: the token's own account, or 403 for an app installation token.
    func getAuthenticatedUser(_ call: ForgeCall) -> ForgeReply {
        switch tokenIdentity {
        case .app:
            return .error(403, "Resource not accessible by integration", dialect: call.dialect)
        case .user(let login):
            return .json(200, account(login, call.dialect))
        case nil:
            let owner = repositories.values.map(\.owner).sorted().first ?? "octo-org"
            return .json(200, account(owner, call.dialect))
        }
    }

    /// GitHub's `public-user` (the `simple-user` fields plus the profile's required ones), Gitea's `User`.
    private func account(_ login: String, _ dialect: ForgeDialect) -> ForgeJSON {
        let user = renderer(dialect).user(login)
        guard dialect == .github else { return user }
        let created = ForgeFormat.timestamp(Date(timeIntervalSince1970: 1_600_000_000))
        return user.merging(
            .object([
                ("name", .string(login)), ("company", nil), ("blog", ""), ("location", nil), ("email", nil),
                ("hireable", nil), ("bio", nil), ("public_repos", 1), ("public_gists", 0), ("followers", 0),
                ("following", 0), ("created_at", .string(created)), ("updated_at", .string(created)),
            ]))
    }
}

extension FakeForge {
    /// Makes the token act as `identity` from now on (nil: the repository's owner, the default).
    public func setTokenIdentity(_ identity: ForgeTokenIdentity?) async {
        await state.setTokenIdentity(identity)
    }
}
