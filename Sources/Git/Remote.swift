internal import CGit2
import Foundation

/// The remote end of a fetch or push: a URL, or the name of a remote configured in the repository.
public enum Remote: Sendable, CustomStringConvertible {
    /// A remote given by URL; nothing is written to the repository's configuration, and nothing in it bends the
    /// URL: `url.<base>.insteadOf` and `pushInsteadOf` are not applied (an agent that edits `.git/config` cannot
    /// redirect a push or a fetch Conveyor makes to an explicit URL).
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
            var options = git_remote_create_options()
            try GitError.check(
                git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION)),
                "git_remote_create_options")
            options.repository = repository
            options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue
            return try GitError.make("git_remote_create_with_opts") {
                git_remote_create_with_opts($0, url.absoluteString, &options)
            }
        case .named(let name):
            return try GitError.make("git_remote_lookup") { git_remote_lookup($0, repository, name) }
        }
    }
}
