import Foundation

/// An issue (or the issue side of a pull request) held by the fake forge.
public struct ForgeIssue: Sendable, Equatable {
    /// The issue number, shared with pull requests as on both forges.
    public let number: Int
    /// The database id.
    public let id: Int
    /// The title.
    public var title: String
    /// The body, nil when empty.
    public var body: String?
    /// `open` or `closed`.
    public var state: String
    /// The ids of the labels on it, in the order they were added.
    public var labelIDs: [Int]
    /// The author's login.
    public let author: String
    /// When it was created.
    public let createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// The pull request details, nil for a plain issue.
    public var pull: ForgePull?
}

/// The pull-request side of an issue.
public struct ForgePull: Sendable, Equatable {
    /// The shared issue number.
    public var number: Int
    /// The source branch.
    public var head: String
    /// The target branch.
    public var base: String
    /// The source branch's tip commit.
    public var headSHA: String
    /// True once merged.
    public var merged: Bool
    /// True for a draft.
    public var draft: Bool
    /// The target branch's tip as reported; nil derives one from the branch name.
    public var baseSHA: String? = nil
    /// The owner of the fork the source branch lives in; nil for a branch of the repository itself.
    public var headOwner: String? = nil
}

/// A comment on an issue or pull request.
public struct ForgeComment: Sendable, Equatable {
    /// The comment id.
    public let id: Int
    /// The issue it belongs to.
    public let issueNumber: Int
    /// The Markdown body.
    public var body: String
    /// The author's login.
    public let author: String
    /// When it was created.
    public let createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
}

/// A repository label.
public struct ForgeLabel: Sendable, Equatable {
    /// The label id.
    public let id: Int
    /// The name, unique per repository.
    public let name: String
    /// Six hex digits, without `#`.
    public let color: String
    /// The description, nil when none.
    public let description: String?
}

/// A commit status posted for a SHA.
public struct ForgeStatus: Sendable, Equatable {
    /// The status id.
    public let id: Int
    /// The commit it is for.
    public let sha: String
    /// `pending`, `success`, `failure`, `error` (Gitea also `warning`, `skipped`).
    public let state: String
    /// The context name, e.g. `conveyor/review`.
    public let context: String
    /// The short description.
    public let description: String?
    /// The link to details.
    public let targetURL: String?
    /// Who posted it.
    public let creator: String
    /// When it was posted.
    public let createdAt: Date
}

/// A workflow dispatch the forge received.
public struct ForgeDispatch: Sendable, Equatable {
    /// The API it came through.
    public let dialect: ForgeDialect
    /// The workflow file name or id from the path.
    public let workflowID: String
    /// The git ref to run on.
    public let ref: String
    /// The inputs, every value as text.
    public let inputs: [String: String]
}

/// A collaborator's permission level; the raw values are the names both forges use.
public enum ForgePermission: String, Sendable, CaseIterable {
    case admin, write, read
    /// No access (`none`).
    case noAccess = "none"
}
