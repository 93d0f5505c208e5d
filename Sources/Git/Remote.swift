internal import CGit2
import Foundation

/// The remote end of a fetch or push: a URL, or the name of a remote configured in the repository.
public enum Remote: Sendable, CustomStringConvertible {
    /// A remote given by URL; nothing is written to the repository's configuration.
    case url(URL)
    /// A remote configured in the repository, such as `origin` after a clone.
    case named(String)

    /// The remote with userinfo removed from its URL, safe for errors and logs.
    public var description: String {
        switch self {
        case .url(let url): Redaction.scrub(url.absoluteString)
        case .named(let name): "remote '\(name)'"
        }
    }

    /// Looks up or creates the libgit2 remote; the caller frees it with `git_remote_free`.
    ///
    /// Runs on the owning repository's queue.
    func makeGitRemote(in repository: OpaquePointer) throws -> OpaquePointer {
        switch self {
        case .url(let url):
            try GitError.make("git_remote_create_anonymous") {
                git_remote_create_anonymous($0, repository, url.absoluteString)
            }
        case .named(let name):
            try GitError.make("git_remote_lookup") { git_remote_lookup($0, repository, name) }
        }
    }
}
