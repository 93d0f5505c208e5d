import Actions
import ConveyorTestSupport
import Forge
import Foundation
import HTTP

extension ForgeDialect {
    /// The fake forge's dialect for a forge kind.
    init(_ kind: ForgeKind) {
        switch kind {
        case .github: self = .github
        case .gitea: self = .gitea
        }
    }
}

extension FakeForge {
    /// The repository the forge created at start.
    var slug: RepositorySlug {
        get throws { try RepositorySlug(parsing: "\(owner)/\(repo)") }
    }

    /// A client of `kind` for this forge's repository, with `token` (default: the right one).
    func client(_ kind: ForgeKind, retry: RetryPolicy = .fast, token: String? = nil) throws -> any ForgeClient {
        ForgeClients.make(
            kind: kind, apiURL: apiURL(ForgeDialect(kind)), repository: try slug, token: Secret(token ?? self.token),
            configuration: .init(
                connectTimeout: .seconds(2), totalTimeout: .seconds(10), retry: retry, userAgent: "forge-tests"))
    }

    /// Recorded exchanges of `operation`'s route in `kind`'s dialect.
    func exchanges(_ operation: ForgeOperation, _ kind: ForgeKind) async -> [RecordedExchange] {
        guard let route = FakeForge.route(operation, ForgeDialect(kind)) else { return [] }
        return await exchanges().filter {
            $0.dialect == route.dialect && $0.method == route.method && $0.pathTemplate == route.pathTemplate
        }
    }
}

/// Runs `operation` and returns the ``ForgeError`` it threw, or nil when it succeeded.
func forgeError<T>(_ operation: () async throws(ForgeError) -> T) async -> ForgeError? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}
