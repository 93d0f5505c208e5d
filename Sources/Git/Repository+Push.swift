internal import CGit2
import Foundation

extension Repository {
    /// Pushes `localRef` to `remoteRef` on `remote`, as a fast-forward only (never forced).
    ///
    /// - Parameters:
    ///   - localRef: a local reference or branch name, e.g. `conveyor/state` or `refs/heads/main`.
    ///   - remoteRef: the remote reference or branch name to update.
    ///   - remote: a URL or a configured remote name.
    ///   - credentials: sent only when the remote asks; a rejected or missing token throws
    ///     ``GitError/Code/auth`` at once instead of being retried.
    ///   - timeout: the whole transfer must finish within this.
    /// - Returns: ``PushOutcome/pushed``, or ``PushOutcome/rejectedNonFastForward(message:)`` when the remote
    ///   reference is no longer the one our commit builds on.
    /// - Throws: ``GitError`` for every other failure; ``GitError/Code/pushRejected`` when the remote refused
    ///   the update for another reason (a hook, a protected branch).
    public func push(
        _ localRef: String, to remoteRef: String, remote: Remote, credentials: Credentials,
        timeout: Duration = Repository.defaultTransferTimeout
    ) async throws -> PushOutcome {
        let refspec = "\(Self.qualifiedReference(localRef)):\(Self.qualifiedReference(remoteRef))"
        if localRef.hasPrefix("+") || remoteRef.hasPrefix("+") {
            throw GitError(
                klass: .invalid, code: .invalidSpec, message: GitMessages.forcePushRefused(refspec), operation: "push")
        }
        let control = TransferControl(credentials: credentials, remote: remote.description, timeout: timeout)
        return try await withTaskCancellationHandler {
            try pushOnQueue([refspec], to: remote, control: control)
        } onCancel: {
            control.cancel()
        }
    }

    /// Pushes to a remote given by URL; see ``push(_:to:remote:credentials:timeout:)``.
    public func push(
        _ localRef: String, to remoteRef: String, remote url: URL, credentials: Credentials,
        timeout: Duration = Repository.defaultTransferTimeout
    ) async throws -> PushOutcome {
        try await push(localRef, to: remoteRef, remote: .url(url), credentials: credentials, timeout: timeout)
    }

    /// Pushes `refspecs` in one connection; the first reference the remote refused decides the outcome.
    func pushOnQueue(_ refspecs: [String], to remote: Remote, control: TransferControl) throws -> PushOutcome {
        let gitRemote = try remote.makeGitRemote(in: pointer)
        defer { git_remote_free(gitRemote) }
        var options = git_push_options()
        try GitError.check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "git_push_options")
        control.install(into: &options.callbacks)
        let result = withExtendedLifetime(control) {
            StringArray.with(control.preemptiveHeaders) { headers in
                options.custom_headers = headers.pointee
                return StringArray.with(refspecs) { git_remote_push(gitRemote, $0, &options) }
            }
        }
        if result == GIT_ENONFASTFORWARD.rawValue {
            let error = control.explain(GitError.last(result, "git_remote_push"))
            return .rejectedNonFastForward(message: error.message)
        }
        if result < 0 {
            throw control.explain(GitError.last(result, "git_remote_push"))
        }
        guard let rejection = control.rejectedReferences.first else { return .pushed }
        if Self.isStaleReferenceStatus(rejection.status) {
            return .rejectedNonFastForward(message: "\(rejection.reference): \(rejection.status)")
        }
        throw GitError(
            klass: .reference, code: .pushRejected,
            message: GitMessages.pushRejected(
                reference: rejection.reference, status: rejection.status, remote: remote.description),
            operation: "git_remote_push", redacting: control.credentials.secrets)
    }

    /// True for the statuses `git receive-pack` reports when the remote reference no longer has the old value
    /// the push was built on (lost a race), as opposed to a hook or policy refusal.
    static func isStaleReferenceStatus(_ status: String) -> Bool {
        let lowered = status.lowercased()
        return [
            "non-fast-forward", "fetch first", "stale info", "failed to update ref", "failed to lock", "cannot lock",
        ]
        .contains { lowered.contains($0) }
    }

    /// `main` becomes `refs/heads/main`; names that already start with `refs/` (or `HEAD`) stay as they are.
    static func qualifiedReference(_ name: String) -> String {
        name.hasPrefix("refs/") || name == "HEAD" ? name : "refs/heads/\(name)"
    }
}
