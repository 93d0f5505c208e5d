public import Foundation
public import Git

/// One commit of the state branch, as `conveyor state log` shows it.
public struct StateCommit: Sendable, Equatable {
    /// The commit id.
    public let id: ObjectID
    /// Its parents; the state branch is linear, so at most one.
    public let parents: [ObjectID]
    /// The committer's date.
    public let date: Date
    /// The first line of the message.
    public let summary: String

    /// Creates a commit description.
    public init(id: ObjectID, parents: [ObjectID], date: Date, summary: String) {
        self.id = id
        self.parents = parents
        self.date = date
        self.summary = summary
    }
}
