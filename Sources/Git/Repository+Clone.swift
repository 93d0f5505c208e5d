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
    ///   - fetching: the branches to fetch (into `refs/remotes/origin/<name>`), when not every branch: a job's
    ///     work tree needs its base and work branches, not the state branch's history or other jobs' branches,
    ///     which on a busy repository cost the remote a pack of every one of them. A named branch the remote does
    ///     not have is left out. `branch` (or the remote's default branch) must be among them.
    ///   - bare: clone without a working tree.
    ///   - timeout: the whole transfer must finish within this; libgit2 1.5.1 cannot time out a silent server
    ///     by itself, so the bound is enforced from its progress callbacks.
    ///   - progress: told how far the transfer has come, at most once per its interval; nil for no reports.
    public static func clone(
        from url: URL, to destination: URL, credentials: Credentials, branch: String? = nil,
        fetching branches: [String]? = nil, bare: Bool = false, timeout: Duration = defaultTransferTimeout,
        progress: TransferProgressReporter? = nil
    ) async throws -> Repository {
        let executor = QueueExecutor(label: "repository")
        let control = TransferControl(credentials: credentials, remote: Remote.url(url).description, timeout: timeout)
        control.progressReporter = progress
        let handle = try await withTaskCancellationHandler {
            try await executor.run {
                LibGit2.ensureInitialized()
                return try RepositoryHandle(
                    cloneOnQueue(
                        url: url, destination: destination, branch: branch, branches: branches, bare: bare,
                        control: control))
            }
        } onCancel: {
            control.cancel()
        }
        return Repository(handle: handle, executor: executor, location: destination)
    }

    /// Runs `git_clone`; must run on the new repository's queue.
    private static func cloneOnQueue(
        url: URL, destination: URL, branch: String?, branches: [String]?, bare: Bool, control: TransferControl
    ) throws -> OpaquePointer {
        var options = git_clone_options()
        try GitError.check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "git_clone_options")
        options.bare = bare ? 1 : 0
        control.install(into: &options.fetch_opts.callbacks)
        let refspecs = CloneRefspecs(
            branches?.map { "+refs/heads/\($0):refs/remotes/origin/\($0)" } ?? [])
        if branches != nil {
            options.remote_cb = { out, repository, name, url, payload in
                guard let out, let repository, let name, let url, let payload else { return GIT_ERROR.rawValue }
                let specs = Unmanaged<CloneRefspecs>.fromOpaque(payload).takeUnretainedValue().specs
                guard let first = specs.first else { return git_remote_create(out, repository, name, url) }
                var result = git_remote_create_with_fetchspec(out, repository, name, url, first)
                guard result == 0 else { return result }
                for spec in specs.dropFirst() {
                    result = git_remote_add_fetch(repository, name, spec)
                    guard result == 0 else { return result }
                }
                // The remote was made before the other refspecs were configured; look it up again to get them all.
                git_remote_free(out.pointee)
                return git_remote_lookup(out, repository, name)
            }
            options.remote_cb_payload = Unmanaged.passUnretained(refspecs).toOpaque()
        }
        let branchName = branch.flatMap { strdup($0) }
        defer { free(branchName) }
        options.checkout_branch = UnsafePointer(branchName)
        do {
            return try withExtendedLifetime((control, refspecs)) {
                try StringArray.with(control.preemptiveHeaders) { headers in
                    options.fetch_opts.custom_headers = headers.pointee
                    return try GitError.make("git_clone") {
                        git_clone($0, url.absoluteString, destination.path, &options)
                    }
                }
            }
        } catch let error as GitError {
            throw control.explain(error)
        }
    }
}

/// The fetch refspecs a clone's remote is created with, handed to libgit2's `remote_cb` as its payload (kept alive
/// by the clone call).
private final class CloneRefspecs {
    let specs: [String]
    init(_ specs: [String]) { self.specs = specs }
}
