import Foundation

extension LocalForgeDocument {
    /// The repository a local forge holds.
    public struct RepositoryEntry: Sendable, Hashable, Codable {
        /// The owning user or organisation.
        public internal(set) var owner: String
        /// The repository's name.
        public internal(set) var name: String
        /// The branch new work starts from.
        public internal(set) var defaultBranch: String
        /// The web address that html links start with, when one was given at creation.
        public internal(set) var webBaseURL: URL?

        private enum CodingKeys: String, CodingKey {
            case owner, name
            case defaultBranch = "default_branch"
            case webBaseURL = "web_base_url"
        }
    }

    /// The last issue number and ids handed out; the next one is one more.
    public struct Counters: Sendable, Hashable, Codable {
        /// The last issue or pull request number (both share it, as on GitHub).
        public internal(set) var lastNumber = 0
        /// The last comment id.
        public internal(set) var lastCommentID = 0
        /// The last label id.
        public internal(set) var lastLabelID = 0
        /// The last commit status id.
        public internal(set) var lastStatusID = 0

        private enum CodingKeys: String, CodingKey {
            case lastNumber = "last_number"
            case lastCommentID = "last_comment_id"
            case lastLabelID = "last_label_id"
            case lastStatusID = "last_status_id"
        }
    }

    /// A workflow dispatch that was requested; nothing runs it, a simulation reads it.
    public struct DispatchEntry: Sendable, Hashable, Codable {
        /// The workflow's file name or id.
        public internal(set) var workflow: String
        /// The ref it was to run on.
        public internal(set) var ref: String
        /// The inputs given.
        public internal(set) var inputs: [String: String]
        /// Who asked.
        public internal(set) var actor: String
        /// When.
        public internal(set) var at: Date
    }

    /// One line of the log: when, what kind of change, and what it touched.
    public struct Event: Sendable, Hashable, Codable {
        /// When it happened.
        public internal(set) var at: Date
        /// The kind of change, e.g. `comment.created`.
        public internal(set) var action: String
        /// What it touched, e.g. `#3 on issue #1 by conveyor[bot]`.
        public internal(set) var detail: String
    }
}
