/// The sentences Conveyor's git errors show to a person: what went wrong and what to check next.
enum GitMessages {
    static func authentication(_ failure: TransferControl.AuthFailure, remote: String, credentials: Credentials)
        -> String
    {
        switch failure {
        case .missing:
            "\(remote) requires authentication but no token was given. Pass a token (the job's GITHUB_TOKEN or "
                + "a personal access token) in the `token` input."
        case .rejected:
            "\(remote) rejected the token (\(credentials)). Check that the token is valid, has not expired, and "
                + "grants read and write access to this repository (`contents: write` for GITHUB_TOKEN)."
        case .unsupported:
            "\(remote) does not accept token (HTTP basic) authentication. Use an https:// remote URL."
        case .redirected(let other):
            "\(remote) redirected to another host, \(other), which asked for credentials; Conveyor sends the token "
                + "only to the remote's own host. Use the remote's final address (CONVEYOR_STATE_REMOTE, "
                + "GITHUB_SERVER_URL) or remove the redirect."
        }
    }

    static func timedOut(remote: String, after timeout: Duration) -> String {
        "The transfer with \(remote) did not finish within \(timeout). Check the network, or raise the timeout."
    }

    static func cancelled(remote: String) -> String {
        "The transfer with \(remote) was cancelled."
    }

    static func pushRejected(reference: String, status: String, remote: String) -> String {
        "\(remote) refused to update \(reference): \(status). Check branch protection rules and hooks on the remote."
    }

    static func forcePushRefused(_ refspec: String) -> String {
        "Refusing to force-push `\(refspec)`: Conveyor only pushes fast-forwards. Drop the leading `+`."
    }

    static func referenceMoved(_ reference: String, expected: ObjectID?) -> String {
        let was = expected.map { "\($0)" } ?? "absent"
        return "\(reference) changed while the commit was being written (expected \(was)). Re-read it and retry."
    }

    static func notABlob(path: String, reference: String) -> String {
        "`\(path)` at \(reference) is a directory or submodule, not a file."
    }

    static func invalidPath(_ path: String) -> String {
        "`\(path)` is not a valid repository path: use a relative path like `a/b/c.md` without `.`, `..`, `.git` "
            + "or empty components."
    }

    static func changedAndRemoved(_ path: String) -> String {
        "`\(path)` is both changed and removed in one commit; pass it in only one of the two."
    }
}
