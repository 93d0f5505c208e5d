import Actions
import Foundation

/// A forge whose whole state is one JSON file: the ``ForgeClient`` behind `conveyor simulate`.
///
/// Separate processes (one `conveyor` job after another, or two at once) that open the same file see
/// the same forge: every call reads and rewrites the file under a lock (see ``LocalForgeDocument``
/// for what it holds). Operations behave as on the real forges: issues and pull requests share one
/// numbering, labels added by name are created when missing, removing an absent label succeeds, a
/// missing issue is ``ForgeError/Code/notFound``. Everything written through the ``ForgeClient``
/// methods is by ``author``; the seeding methods (``openIssue(title:body:author:labels:)`` and
/// others) act for the people in a simulation.
///
/// ```swift
/// let forge = try await LocalForge.create(at: file, repository: slug, owner: "alice")
/// let issue = try await forge.openIssue(title: "Add a flag", author: "alice", labels: ["conveyor"])
/// try await forge.createComment(onIssue: issue.number, body: "On it.")
/// ```
public struct LocalForge: ForgeClient {
    /// The login Conveyor writes as unless another is given.
    public static let defaultAuthor = "conveyor[bot]"

    /// The forge's JSON file.
    public let file: URL
    /// The forge this one behaves like: GitHub or Gitea rules for statuses, drafts and links.
    public let kind: ForgeKind
    /// The repository every call is about; calls fail when the file holds another.
    public let repository: RepositorySlug
    /// The login of everything written through the ``ForgeClient`` methods.
    public let author: String

    let store: LocalForgeFile
    private let clock: @Sendable () -> Date

    /// Opens the forge in `file`; nothing is read until the first call.
    ///
    /// - Parameters:
    ///   - file: a file made by ``create(at:repository:defaultBranch:webBaseURL:owner:kind:author:clock:)``.
    ///   - repository: the repository the file holds.
    ///   - kind: which forge's rules to follow.
    ///   - author: the login Conveyor writes as.
    ///   - clock: the time recorded for each change; tests pass a fixed sequence.
    public init(
        file: URL, repository: RepositorySlug, kind: ForgeKind = .github, author: String = LocalForge.defaultAuthor,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.file = file
        self.repository = repository
        self.kind = kind
        self.author = author
        self.clock = clock
        store = LocalForgeFile(url: file)
    }

    /// Creates the file of an empty forge for `repository`, in which `owner` is admin, and opens it.
    ///
    /// - Parameters:
    ///   - file: where to write the forge; its folder is created when missing.
    ///   - webBaseURL: where html links point (e.g. `https://github.com`); links into the file when nil.
    ///   - owner: the login of the person who owns the repository.
    /// - Throws: ``ForgeError/Code/rejected`` when `file` already exists (it is left as it is).
    public static func create(
        at file: URL, repository: RepositorySlug, defaultBranch: String = "main", webBaseURL: URL? = nil,
        owner: String, kind: ForgeKind = .github, author: String = LocalForge.defaultAuthor,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws(ForgeError) -> LocalForge {
        let forge = LocalForge(file: file, repository: repository, kind: kind, author: author, clock: clock)
        let operation = "create a local forge in \(file.path)"
        do {
            try LocalForgeFailure.require(defaultBranch, "default branch")
            let entry = LocalForgeDocument.RepositoryEntry(
                owner: repository.owner, name: repository.name, defaultBranch: defaultBranch, webBaseURL: webBaseURL)
            let date = clock()
            var document = LocalForgeDocument(repository: entry, createdAt: date)
            try document.setPermission(.admin, for: owner, at: date)
            try await forge.store.create(document)
        } catch {
            throw forge.forgeError(error, operation)
        }
        return forge
    }

    /// Everything the forge holds now, including the event log and the requested workflow dispatches.
    public func snapshot() async throws(ForgeError) -> LocalForgeDocument {
        try await reading("read the local forge") { document, _ throws(LocalForgeFailure) in document }
    }

    /// Runs `body` on the current document under a shared lock; `operation` completes "Could not …".
    func reading<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (LocalForgeDocument, LocalForgeLinks) throws(LocalForgeFailure) -> T
    ) async throws(ForgeError) -> T {
        let (file, repository, kind) = (file, repository, kind)
        do {
            return try await store.read { document throws(LocalForgeFailure) -> T in
                try Self.check(document, holds: repository, file: file)
                let links = LocalForgeLinks(
                    webBaseURL: document.repository.webBaseURL, file: file, repository: repository, kind: kind)
                return try body(document, links)
            }
        } catch {
            throw forgeError(error, operation)
        }
    }

    /// Runs `body` on the document under an exclusive lock, with the time of the change, and saves the
    /// document when `body` returns; when it throws, nothing is saved.
    func changing<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (inout LocalForgeDocument, Date, LocalForgeLinks) throws(LocalForgeFailure) -> T
    ) async throws(ForgeError) -> T {
        let (file, repository, kind, clock) = (file, repository, kind, clock)
        do {
            return try await store.change { document throws(LocalForgeFailure) -> T in
                try Self.check(document, holds: repository, file: file)
                let links = LocalForgeLinks(
                    webBaseURL: document.repository.webBaseURL, file: file, repository: repository, kind: kind)
                return try body(&document, clock(), links)
            }
        } catch {
            throw forgeError(error, operation)
        }
    }

    private static func check(
        _ document: LocalForgeDocument, holds repository: RepositorySlug, file: URL
    ) throws(LocalForgeFailure) {
        let held = document.repository
        guard held.owner.lowercased() == repository.owner.lowercased(),
            held.name.lowercased() == repository.name.lowercased()
        else {
            throw LocalForgeFailure(
                .notFound, "The local forge file \(file.path) holds \(held.owner)/\(held.name), not \(repository).",
                remedy: "Open it with the repository it holds, or create a forge for \(repository) in another file.")
        }
    }

    private func forgeError(_ failure: LocalForgeFailure, _ operation: String) -> ForgeError {
        ForgeError(
            code: failure.code, operation: operation, forge: kind, repository: repository, detail: failure.detail,
            remedy: failure.remedy)
    }
}
