import Actions
import Forge
import Foundation
import Git
import HTTP
import StateBranch

/// What every in-process world test stands on: the loopback git server over a fresh scratch directory, the fake
/// forge accepting the same token, and the clients and state locations wired to them.
///
/// `FlowWorld` (a work item's jobs) and `TrainWorld` (the heartbeat) each hold one and add what their flow needs;
/// the peers, the permissions, the forge clients and where state lives are set up here once.
public struct LoopbackWorld: Sendable {
    /// The git server (the repositories, and the state branch in one of them).
    public let git: GitHTTPServer
    /// The fake forge; its first repository is `octo-org/hello-world`.
    public let forge: FakeForge
    /// A directory removed when the world ends.
    public let scratch: TemporaryDirectory
    /// The token both the git server and the fake forge accept.
    public let token: String

    /// The forge's first repository.
    public let slug: RepositorySlug

    /// Runs `body` in a fresh world, then stops both servers and removes the scratch directory, even when `body`
    /// throws.
    ///
    /// - Parameters:
    ///   - prefix: names the scratch directory.
    ///   - permissions: the people's permissions on the forge's first repository.
    public static func with<Result>(
        prefix: String, permissions: [String: ForgePermission] = [:],
        _ body: (LoopbackWorld) async throws -> Result
    ) async throws -> Result {
        try await GitHTTPServer.withScratch(prefix: prefix) { git, scratch, token in
            let forge = try await FakeForge.start(token: token)
            do {
                for (user, level) in permissions.sorted(by: { $0.key < $1.key }) {
                    await forge.setPermission(user: user, level: level)
                }
                let world = LoopbackWorld(
                    git: git, forge: forge, scratch: scratch, token: token,
                    slug: try RepositorySlug(parsing: "\(forge.owner)/\(forge.repo)"))
                let result = try await body(world)
                await forge.stop()
                return result
            } catch {
                await forge.stop()
                throw error
            }
        }
    }

    /// A REST client of the forge in `dialect` for `repository` (default: the first).
    ///
    /// - Parameter configuration: timeouts and retries; by default ``quickClientConfiguration(userAgent:)``, so
    ///   failure tests stay quick; ``jobClientConfiguration`` for a client configured as a job's.
    public func client(
        _ dialect: ForgeDialect, repository: RepositorySlug? = nil, configuration: HTTPClient.Configuration? = nil
    ) -> any ForgeClient {
        ForgeClients.make(
            kind: dialect.kind, apiURL: forge.apiURL(dialect), repository: repository ?? slug, token: Secret(token),
            configuration: configuration ?? Self.quickClientConfiguration())
    }

    /// The configuration a job's forge client has (`ForgeClients.make(environment:)`): the defaults.
    public static let jobClientConfiguration = HTTPClient.Configuration()

    /// Two-second connects, ten-second calls and ``HTTP/RetryPolicy/fast`` retries.
    public static func quickClientConfiguration(userAgent: String = "conveyor-tests") -> HTTPClient.Configuration {
        .init(connectTimeout: .seconds(2), totalTimeout: .seconds(10), retry: .fast, userAgent: userAgent)
    }

    /// The state branch of the served repository `repository`, read through a cache directory of its own (so two
    /// readers never share one, as two runners would not).
    public func stateLocation(in repository: String) throws -> StateLocation {
        stateLocation(at: try git.url(for: repository))
    }

    /// The state branch at `remote` (a URL of ``git``), read through a cache directory of its own.
    public func stateLocation(at remote: URL) -> StateLocation {
        StateLocation(
            remote: remote, credentials: .token(token),
            cacheDirectory: scratch.appending("cache-\(UUID().uuidString.prefix(8))"))
    }

    /// Publishing options for tests: a minute's deadline, millisecond backoffs, pending files in the scratch
    /// directory.
    public func stateWriteOptions(label: String) -> StateWriteOptions {
        StateWriteOptions(
            deadline: .seconds(60), initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(200),
            transferTimeout: .seconds(30), pendingDirectory: scratch.appending("pending"), pendingLabel: label)
    }

    /// An RFC 3339 time with milliseconds, as forges stamp event payloads (`updated_at`).
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

extension ForgeDialect {
    /// The fake forge's dialect of a forge kind.
    public init(kind: ForgeKind) {
        switch kind {
        case .github: self = .github
        case .gitea: self = .gitea
        }
    }

    /// The forge kind this dialect imitates.
    public var kind: ForgeKind {
        switch self {
        case .github: .github
        case .gitea: .gitea
        }
    }
}
