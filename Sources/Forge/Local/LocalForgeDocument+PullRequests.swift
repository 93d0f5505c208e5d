import Foundation

extension LocalForgeDocument {
    /// What a pull request has beyond its issue entry: branches and merge state.
    public struct PullRequestEntry: Sendable, Hashable, Codable {
        /// The number; its title, body, state and author are in the issue entry with this number.
        public internal(set) var number: Int
        /// The source branch.
        public internal(set) var head: String
        /// The target branch.
        public internal(set) var base: String
        /// The source branch's tip when last pushed, or empty when no push was recorded.
        public internal(set) var headSHA: String
        /// True once merged (its issue entry is then closed).
        public internal(set) var merged: Bool
        /// True for a draft.
        public internal(set) var draft: Bool

        private enum CodingKeys: String, CodingKey {
            case number, head, base, merged, draft
            case headSHA = "head_sha"
        }
    }

    /// A commit status as posted.
    public struct StatusEntry: Sendable, Hashable, Codable {
        /// The status's id; ids only grow, so a higher id is a later status.
        public internal(set) var id: Int
        /// The commit it is for.
        public internal(set) var sha: String
        /// Its state, as the forge stores it (GitHub has no `warning` or `skipped`).
        public internal(set) var state: CommitStatusState
        /// The context that names the check.
        public internal(set) var context: String
        /// The short description.
        public internal(set) var description: String
        /// The link to details, when given.
        public internal(set) var targetURL: String?
        /// When it was posted.
        public internal(set) var createdAt: Date

        private enum CodingKeys: String, CodingKey {
            case id, sha, state, context, description
            case targetURL = "target_url"
            case createdAt = "created_at"
        }
    }
}
