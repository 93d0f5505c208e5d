internal import CGit2
import Foundation

extension Repository {
    /// Fetches `refspecs` from `remote` and updates the local references they name.
    ///
    /// - Parameters:
    ///   - remote: a URL or a configured remote name.
    ///   - refspecs: e.g. `["+refs/heads/main:refs/remotes/origin/main"]`; the remote's configured refspecs when
    ///     empty (a URL remote has none).
    ///   - credentials: sent only when the remote asks; a rejected token fails with ``GitError/Code/auth``.
    ///   - timeout: the whole transfer must finish within this.
    public func fetch(
        from remote: Remote, refspecs: [String], credentials: Credentials,
        timeout: Duration = Repository.defaultTransferTimeout
    ) async throws {
        let control = TransferControl(credentials: credentials, remote: remote.description, timeout: timeout)
        try await withTaskCancellationHandler {
            try fetchOnQueue(from: remote, refspecs: refspecs, control: control)
        } onCancel: {
            control.cancel()
        }
    }

    /// Fetches from a remote given by URL; see ``fetch(from:refspecs:credentials:timeout:)``.
    public func fetch(
        from url: URL, refspecs: [String], credentials: Credentials,
        timeout: Duration = Repository.defaultTransferTimeout
    ) async throws {
        try await fetch(from: .url(url), refspecs: refspecs, credentials: credentials, timeout: timeout)
    }

    private func fetchOnQueue(from remote: Remote, refspecs: [String], control: TransferControl) throws {
        let gitRemote = try remote.makeGitRemote(in: pointer)
        defer { git_remote_free(gitRemote) }
        var options = git_fetch_options()
        try GitError.check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options")
        control.install(into: &options.callbacks)
        do {
            try withExtendedLifetime(control) {
                try StringArray.with(control.preemptiveHeaders) { headers in
                    options.custom_headers = headers.pointee
                    try StringArray.with(refspecs) { array in
                        try GitError.check(
                            git_remote_fetch(gitRemote, array, &options, "conveyor: fetch"), "git_remote_fetch")
                    }
                }
            }
        } catch let error as GitError {
            throw control.explain(error)
        }
    }
}
