public import Foundation
public import Git

/// Where the state database lives: a file on a branch of a git remote, and a local cache for the fetches.
public struct StateLocation: Sendable {
    /// The remote that holds the state branch, e.g. `https://github.com/owner/repo.git`.
    public var remote: URL
    /// The branch holding the database; `conveyor/state` by default.
    public var branch: String
    /// The database file's path on that branch; `state.sqlite` by default.
    public var file: String
    /// Sent to the remote when it asks; never printed.
    public var credentials: Credentials
    /// A directory this process may use for its bare cache repository and scratch copies of the database.
    ///
    /// Give every concurrent process its own directory, so no two processes share libgit2 state.
    public var cacheDirectory: URL

    /// Creates a location; `branch` and `file` default to `conveyor/state` and `state.sqlite`.
    public init(
        remote: URL, branch: String = "conveyor/state", file: String = "state.sqlite", credentials: Credentials,
        cacheDirectory: URL
    ) {
        self.remote = remote
        self.branch = branch
        self.file = file
        self.credentials = credentials
        self.cacheDirectory = cacheDirectory
    }
}
