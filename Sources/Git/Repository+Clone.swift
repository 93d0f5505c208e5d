internal import CGit2
import Foundation

extension Repository {
    /// The default bound on one clone, fetch or push.
    public static let defaultTransferTimeout: Duration = .seconds(600)

    /// Clones `url` into `destination` and checks out the default branch (or `branch`) unless `bare`.
    ///
    /// - Parameters:
    ///   - url: the remote, e.g. `https://github.com/owner/repo.git`; it becomes the `origin` remote.
    ///   - destination: a directory that does not exist yet or is empty.
    ///   - credentials: sent only when the remote asks; a rejected token fails at once with
    ///     ``GitError/Code/auth`` instead of being retried.
    ///   - branch: the branch to check out; the remote's default branch when nil.
    ///   - bare: clone without a working tree.
    ///   - timeout: the whole transfer must finish within this; libgit2 1.5.1 cannot time out a silent server
    ///     by itself, so the bound is enforced from its progress callbacks.
    ///   - progress: told how far the transfer has come, at most once per its interval; nil for no reports.
    public static func clone(
        from url: URL, to destination: URL, credentials: Credentials, branch: String? = nil, bare: Bool = false,
        timeout: Duration = defaultTransferTimeout, progress: TransferProgressReporter? = nil
    ) async throws -> Repository {
        let executor = QueueExecutor(label: "repository")
        let control = TransferControl(credentials: credentials, remote: Remote.url(url).description, timeout: timeout)
        control.progressReporter = progress
        let handle = try await withTaskCancellationHandler {
            try await executor.run {
                LibGit2.ensureInitialized()
                return try RepositoryHandle(
                    cloneOnQueue(url: url, destination: destination, branch: branch, bare: bare, control: control))
            }
        } onCancel: {
            control.cancel()
        }
        return Repository(handle: handle, executor: executor, location: destination)
    }

    /// Runs `git_clone`; must run on the new repository's queue.
    private static func cloneOnQueue(
        url: URL, destination: URL, branch: String?, bare: Bool, control: TransferControl
    ) throws -> OpaquePointer {
        var options = git_clone_options()
        try GitError.check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "git_clone_options")
        options.bare = bare ? 1 : 0
        control.install(into: &options.fetch_opts.callbacks)
        let branchName = branch.flatMap { strdup($0) }
        defer { free(branchName) }
        options.checkout_branch = UnsafePointer(branchName)
        do {
            return try withExtendedLifetime(control) {
                try GitError.make("git_clone") { git_clone($0, url.absoluteString, destination.path, &options) }
            }
        } catch let error as GitError {
            throw control.explain(error)
        }
    }
}
