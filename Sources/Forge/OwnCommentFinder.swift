/// Finds the one comment Conveyor keeps on a work item (found by a hidden marker such as
/// `<!-- conveyor:status:7 -->`), whatever identity the forge token has, with no configuration.
///
/// Anyone who can comment can paste the marker, so a comment counts only when Conveyor could have written it.
/// Among the comments that carry the marker, oldest first, the first rule that matches decides:
/// 1. the comment whose id state recorded when Conveyor posted it (state is written only by Conveyor);
/// 2. a comment by the account the token acts as, when the forge says (`GET /user`: a personal access token,
///    a Gitea bot user's or Actions token);
/// 3. a comment by one of ``configuredLogins`` (`github-actions[bot]`, `gitea-actions`, `CONVEYOR_SELF_LOGIN`);
/// 4. a comment by a bot account (GitHub type `Bot` or a `[bot]` login), which is what a GitHub App
///    installation token writes as and which no person can post as.
///
/// `GET /user` is asked only when a marked comment exists and state named none of them.
public struct OwnCommentFinder: Sendable {
    private let forge: any ForgeClient
    /// Logins known to be Conveyor's without asking the forge.
    public let configuredLogins: Set<String>

    /// Creates a finder that reads comments, and the token's account, through `forge`.
    public init(forge: any ForgeClient, configuredLogins: Set<String>) {
        self.forge = forge
        self.configuredLogins = Set(configuredLogins.map { $0.lowercased() })
    }

    /// Conveyor's comment carrying `marker` on issue `number`, or nil when there is none.
    ///
    /// - Parameter recordedIDs: the ids of comments state recorded as Conveyor's on this work item, newest first.
    public func find(onIssue number: Int, marker: String, recordedIDs: [Int] = []) async throws(ForgeError)
        -> IssueComment?
    {
        let marked = try await forge.comments(onIssue: number).filter { $0.body.contains(marker) }
        guard !marked.isEmpty else { return nil }
        for id in recordedIDs {
            if let recorded = marked.first(where: { $0.id == id }) { return recorded }
        }
        if let me = try await forge.currentUser()?.login.lowercased(),
            let mine = marked.first(where: { $0.author.login.lowercased() == me })
        {
            return mine
        }
        if let configured = marked.first(where: { configuredLogins.contains($0.author.login.lowercased()) }) {
            return configured
        }
        return marked.first { $0.author.isBot }
    }
}
