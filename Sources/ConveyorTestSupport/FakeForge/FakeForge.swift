import FlyingFox
import Foundation

/// An in-process forge for tests: GitHub REST at the root and Gitea under `/api/v1`, on
/// `127.0.0.1` and a free port, backed by in-memory state.
///
/// ```swift
/// let forge = try await FakeForge.start()
/// defer { Task { await forge.stop() } }
/// let number = await forge.seedIssue(title: "Crash on start")
/// // GET \(forge.githubURL)/repos/\(forge.owner)/\(forge.repo)/issues/\(number)
/// ```
///
/// Every request needs `Authorization: Bearer <token>` or `token <token>`, else 401. Routes and
/// their OpenAPI templates are listed in ``routes``; faults can be queued per route with
/// ``inject(_:on:dialect:times:)``; every answered request is kept in ``exchanges()``.
public final class FakeForge: Sendable {
    /// The token requests must present.
    public let token: String
    /// The owner of the repository created at start.
    public let owner: String
    /// The name of the repository created at start.
    public let repo: String
    /// `http://127.0.0.1:<port>`: GitHub's API root and both forges' web root.
    public let rootURL: URL
    let state: ForgeState
    private let server: LoopbackHTTPServer

    /// GitHub REST API base URL (the root).
    public var githubURL: URL { rootURL }
    /// Gitea API base URL (`<root>/api/v1`).
    public var giteaURL: URL { rootURL.appendingPathComponent("api/v1") }

    /// The API base URL of `dialect`.
    public func apiURL(_ dialect: ForgeDialect) -> URL {
        dialect == .github ? githubURL : giteaURL
    }

    /// `<api>/repos/<owner>/<repo><suffix>` in `dialect`, e.g. `repositoryURL(.gitea, "/issues/1")`.
    public func repositoryURL(_ dialect: ForgeDialect, _ suffix: String = "") -> URL {
        let base = apiURL(dialect).absoluteString
        return URL(string: "\(base)/repos/\(owner)/\(repo)\(suffix)") ?? apiURL(dialect)
    }

    private init(
        token: String, owner: String, repo: String, rootURL: URL, state: ForgeState, server: LoopbackHTTPServer
    ) {
        self.token = token
        self.owner = owner
        self.repo = repo
        self.rootURL = rootURL
        self.state = state
        self.server = server
    }

    /// Starts a forge with one repository, `owner/repo`, and waits until it listens.
    public static func start(
        token: String = "ghp_FakeForgeToken0123456789abcdefABCD", owner: String = "octo-org",
        repo: String = "hello-world"
    ) async throws -> FakeForge {
        let state = ForgeState(token: token)
        await state.ensureRepository(owner: owner, name: repo)
        let server = try await LoopbackHTTPServer.start(handler: ForgeHTTPHandler(state: state))
        let rootURL = try server.url()
        await state.setRoot(rootURL.absoluteString)
        return FakeForge(token: token, owner: owner, repo: repo, rootURL: rootURL, state: state, server: server)
    }

    /// Stops listening and closes open connections.
    public func stop() async {
        await server.stop()
    }
}

/// The fake forge could not start.
public struct FakeForgeError: Error, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    public var description: String { message }
}
