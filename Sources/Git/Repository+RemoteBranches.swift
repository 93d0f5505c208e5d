internal import CGit2
import Foundation

extension Repository {
    /// The names of the branches on the remote at `url` that start with `prefix` (e.g. `conveyor/12-`), sorted;
    /// what `git ls-remote --heads` lists, read without a local repository and without fetching objects.
    ///
    /// - Parameters:
    ///   - credentials: sent only when the remote asks; a rejected token fails with ``GitError/Code/auth``.
    ///   - timeout: the whole exchange must finish within this.
    public static func remoteBranches(
        at url: URL, prefix: String, credentials: Credentials, timeout: Duration = .seconds(120)
    ) async throws -> [String] {
        let executor = QueueExecutor(label: "ls-remote")
        let control = TransferControl(credentials: credentials, remote: Remote.url(url).description, timeout: timeout)
        return try await withTaskCancellationHandler {
            try await executor.run {
                LibGit2.ensureInitialized()
                return try listOnQueue(url: url, prefix: "refs/heads/" + prefix, control: control)
            }
        } onCancel: {
            control.cancel()
        }
    }

    /// Connects, lists the advertised references and keeps the branch names under `prefix`.
    private static func listOnQueue(url: URL, prefix: String, control: TransferControl) throws -> [String] {
        let remote = try GitError.make("git_remote_create_detached") {
            git_remote_create_detached($0, url.absoluteString)
        }
        defer { git_remote_free(remote) }
        var callbacks = git_remote_callbacks()
        try GitError.check(
            git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)), "git_remote_callbacks")
        control.install(into: &callbacks)
        do {
            return try withExtendedLifetime(control) {
                try GitError.check(
                    git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, nil), "git_remote_connect")
                defer { git_remote_disconnect(remote) }
                var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
                var count = 0
                try GitError.check(git_remote_ls(&heads, &count, remote), "git_remote_ls")
                var names: [String] = []
                for index in 0..<count {
                    guard let head = heads?[index], let name = head.pointee.name.map({ String(cString: $0) }),
                        name.hasPrefix(prefix)
                    else { continue }
                    names.append(String(name.dropFirst("refs/heads/".count)))
                }
                return names.sorted()
            }
        } catch let error as GitError {
            throw control.explain(error)
        }
    }
}
