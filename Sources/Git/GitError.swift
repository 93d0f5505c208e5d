import Foundation

/// A failed libgit2 call or Conveyor git operation.
///
/// Built right after the failing call from `git_error_last()` on the same thread (see `GitError+Check.swift`).
/// Match on the code to handle a case:
/// ```swift
/// do { try await repository.push("main", to: "main", remote: .url(url), credentials: token) }
/// catch GitError.Code.auth { … }
/// ```
/// The ``message`` never holds a secret: URLs lose their userinfo and known tokens are replaced by `***`.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The libgit2 error class: which subsystem failed.
    public let klass: Class
    /// The libgit2 error code: what kind of failure it was.
    public let code: Code
    /// The libgit2 message or Conveyor's own explanation, free of secrets.
    public let message: String
    /// The libgit2 function or Conveyor operation that failed, e.g. `git_remote_push` or `push`.
    public let operation: String

    /// Creates an error; `message` is scrubbed of URL userinfo and of every string in `secrets`.
    public init(klass: Class, code: Code, message: String, operation: String, redacting secrets: [String] = []) {
        self.klass = klass
        self.code = code
        self.message = Redaction.scrub(message, secrets: secrets)
        self.operation = operation
    }

    /// A sentence for a person: what git could not do, libgit2's own words, and what to do about it. The
    /// libgit2 function and class/code stay at the end, in parentheses, for a bug report, e.g. "Git could not clone
    /// the repository: unexpected EOF. The connection to the git server failed or was cut; check that the server
    /// is reachable and run the job again. (git_clone, http/generic)".
    public var description: String {
        let what = Self.actions[operation] ?? "complete `\(operation)`"
        var text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if let last = text.last, !".!?".contains(last) { text += "." }
        let sentence = text.isEmpty ? "Git could not \(what)." : "Git could not \(what): \(text)"
        guard operation.hasPrefix("git_") else { return sentence }
        return sentence + " " + advice + " (\(operation), \(klass)/\(code))"
    }

    /// What a person can do after a raw libgit2 failure, by the subsystem that failed.
    private var advice: String {
        switch klass {
        case .net, .http, .ssl, .ssh:
            "The connection to the git server failed or was cut; check that the server is reachable and run the "
                + "job again."
        case .os, .filesystem:
            "A file or directory could not be used; check the disk space and permissions of the work directory."
        default:
            "Run the job again; if it fails the same way, report it with this message."
        }
    }

    /// The verb phrase of each libgit2 function and Conveyor operation a person may see in an error.
    private static let actions: [String: String] = [
        "git_clone": "clone the repository",
        "git_remote_fetch": "fetch from the remote",
        "git_remote_push": "push to the remote",
        "git_remote_connect": "connect to the remote",
        "git_remote_ls": "list the remote's branches",
        "push": "push",
        "commit": "commit",
        "fetch": "fetch",
        "clone": "clone the repository",
        "readBlob": "read a file from the repository",
        "git_signature_new": "create the commit author",
    ]
}
