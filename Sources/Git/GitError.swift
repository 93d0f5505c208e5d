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

    public var description: String {
        "\(operation) failed [\(klass)/\(code)]: \(message)"
    }
}
