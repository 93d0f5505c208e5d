import Actions
import HTTP

/// A forge API call that failed for good, after the HTTP client's retries.
///
/// The description names the operation in words, the repository and forge, the HTTP failure
/// (method, path, status, attempts, start of the body) and what to fix. It never contains the
/// token: ``HTTPError`` removes it, and nothing else here ever holds it.
///
/// ```swift
/// do { try await client.addLabels(["state:review"], toIssue: 7) }
/// catch ForgeError.Code.forbidden { … }
/// ```
public struct ForgeError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure it was; match with `catch ForgeError.Code.notFound`.
    public let code: Code
    /// The operation in words, e.g. `add labels to issue #7`.
    public let operation: String
    /// The forge that was called.
    public let forge: ForgeKind
    /// The repository the operation was for.
    public let repository: RepositorySlug
    /// The HTTP failure underneath, when there was one.
    public let httpError: HTTPError?
    /// Extra explanation when there is no ``httpError`` (or more to say than it does).
    public let detail: String?
    /// What to change so that the call can succeed (token scope, names), when known.
    public let remedy: String?

    /// Creates an error.
    public init(
        code: Code, operation: String, forge: ForgeKind, repository: RepositorySlug, httpError: HTTPError? = nil,
        detail: String? = nil, remedy: String? = nil
    ) {
        self.code = code
        self.operation = operation
        self.forge = forge
        self.repository = repository
        self.httpError = httpError
        self.detail = detail
        self.remedy = remedy
    }

    /// The last HTTP status received, if the forge answered at all.
    public var status: Int? { httpError?.status }

    /// True when trying the same call later may succeed: the forge was unreachable, timed out,
    /// failed with 5xx, or rate-limited the token.
    public var isRetryable: Bool { code == .unavailable || code == .rateLimited }

    public var description: String {
        var text = "Could not \(operation) in \(forge.displayName) repository \(repository)"
        if let httpError { text += ": \(httpError)" } else { text += "." }
        if let detail { text += " \(detail)" }
        if let remedy { text += " \(remedy)" }
        return text
    }
}

extension ForgeKind {
    /// `GitHub` or `Gitea`, for sentences.
    var displayName: String {
        switch self {
        case .github: "GitHub"
        case .gitea: "Gitea"
        }
    }
}
