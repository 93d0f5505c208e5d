internal import CGit2
public import Foundation

/// One commit as a history listing shows it.
public struct CommitSummary: Sendable, Equatable {
    /// The commit id.
    public let id: ObjectID
    /// Its parents, first parent first (more than one for a merge).
    public let parents: [ObjectID]
    /// The committer's date.
    public let date: Date
    /// The first line of the message.
    public let summary: String

    /// Creates a summary.
    public init(id: ObjectID, parents: [ObjectID], date: Date, summary: String) {
        self.id = id
        self.parents = parents
        self.date = date
        self.summary = summary
    }
}

extension Repository {
    /// Up to `limit` commits from `tip` back along first parents, newest first (`git log --first-parent`).
    ///
    /// - Throws: ``GitError/Code/notFound`` when a commit on the way is missing (a shallow or damaged repository).
    public func log(from tip: ObjectID, limit: Int) async throws -> [CommitSummary] {
        var commits: [CommitSummary] = []
        var next: ObjectID? = tip
        while let id = next, commits.count < limit {
            var oid = id.gitOID
            let commit = try GitError.make("git_commit_lookup") { git_commit_lookup($0, pointer, &oid) }
            defer { git_commit_free(commit) }
            let parents = (0..<git_commit_parentcount(commit)).compactMap { git_commit_parent_id(commit, $0) }
                .map { ObjectID($0) }
            commits.append(
                CommitSummary(
                    id: id, parents: parents, date: Date(timeIntervalSince1970: TimeInterval(git_commit_time(commit))),
                    summary: git_commit_summary(commit).map { String(cString: $0) } ?? ""))
            next = parents.first
        }
        return commits
    }
}
