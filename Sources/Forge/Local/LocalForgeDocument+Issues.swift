import Foundation

extension LocalForgeDocument {
    /// An issue, or the issue side of a pull request.
    public struct IssueEntry: Sendable, Hashable, Codable {
        /// The number, shared with pull requests.
        public internal(set) var number: Int
        /// The title.
        public internal(set) var title: String
        /// The Markdown body.
        public internal(set) var body: String
        /// Open or closed.
        public internal(set) var state: IssueState
        /// The login of who opened it.
        public internal(set) var author: String
        /// The names of its labels, in the order they were added.
        public internal(set) var labels: [String]
        /// True when the number is a pull request (see ``LocalForgeDocument/pullRequests``).
        public internal(set) var isPullRequest: Bool
        /// When it was opened.
        public internal(set) var createdAt: Date

        private enum CodingKeys: String, CodingKey {
            case number, title, body, state, author, labels
            case isPullRequest = "is_pull_request"
            case createdAt = "created_at"
        }
    }

    /// A comment on an issue or pull request.
    public struct CommentEntry: Sendable, Hashable, Codable {
        /// The comment's id; ids only grow.
        public internal(set) var id: Int
        /// The number of the issue or pull request it is on.
        public internal(set) var issue: Int
        /// The login of who wrote it.
        public internal(set) var author: String
        /// The Markdown body.
        public internal(set) var body: String
        /// When it was written.
        public internal(set) var createdAt: Date
        /// When its body last changed.
        public internal(set) var updatedAt: Date

        private enum CodingKeys: String, CodingKey {
            case id, issue, author, body
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }
    }

    /// A label of the repository.
    public struct LabelEntry: Sendable, Hashable, Codable {
        /// The label's id.
        public internal(set) var id: Int
        /// The name, unique without case.
        public internal(set) var name: String
        /// Six hex digits without `#`, when given.
        public internal(set) var color: String?
        /// The description, when given.
        public internal(set) var description: String?
    }
}
