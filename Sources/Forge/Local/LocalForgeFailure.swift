/// Why a local forge operation failed, before ``LocalForge`` names the operation in a ``ForgeError``.
///
/// The document and file layers throw this; ``LocalForge`` adds the operation, forge and repository.
struct LocalForgeFailure: Error, Sendable {
    /// The code the ``ForgeError`` gets.
    let code: ForgeError.Code
    /// What went wrong, as a sentence.
    let detail: String
    /// What to do about it, as a sentence, when known.
    let remedy: String?

    init(_ code: ForgeError.Code, _ detail: String, remedy: String? = nil) {
        self.code = code
        self.detail = detail
        self.remedy = remedy
    }

    /// No issue or pull request numbered `number`.
    static func noIssue(_ number: Int) -> LocalForgeFailure {
        LocalForgeFailure(.notFound, "Issue #\(number) does not exist in the local forge.")
    }

    /// No pull request numbered `number` (it may be an issue).
    static func noPullRequest(_ number: Int) -> LocalForgeFailure {
        LocalForgeFailure(.notFound, "Pull request #\(number) does not exist in the local forge.")
    }

    /// An empty argument that the real forges would reject.
    static func empty(_ what: String) -> LocalForgeFailure {
        LocalForgeFailure(.invalidRequest, "The \(what) is empty; pass a non-empty \(what).")
    }

    /// Throws ``empty(_:)`` when `value` is empty.
    static func require(_ value: String, _ what: String) throws(LocalForgeFailure) {
        guard value.isEmpty else { return }
        throw empty(what)
    }
}
