import Foundation

/// Checks the fake forge against the corpus OpenAPI subsets: every route it serves, and every
/// exchange it recorded.
///
/// The fake forge stands in for GitHub and Gitea, which cannot run here, so this check is what keeps
/// it honest: a served route or response field that the real API does not describe is a failure.
public struct ForgeContractCheck: Sendable {
    private let gitHub: OpenAPIContract
    private let gitea: OpenAPIContract

    /// Loads both subsets from the repository's test corpus.
    public init() throws {
        gitHub = try OpenAPIContract.gitHub()
        gitea = try OpenAPIContract.gitea()
    }

    /// The contract of one dialect.
    public func contract(for dialect: ForgeDialect) -> OpenAPIContract {
        dialect == .github ? gitHub : gitea
    }

    /// One message per route whose `inSubset` mark is wrong: marked as described but not in the
    /// subset, or marked as undescribed although the subset has it.
    public func routeViolations(_ routes: [ForgeRoute]) -> [String] {
        routes.compactMap { route in
            let violations = contract(for: route.dialect).checkRoute(
                method: route.method, pathTemplate: route.pathTemplate)
            switch (route.inSubset, violations.isEmpty) {
            case (true, false): return ContractViolation.failureMessage(for: violations, exchange: "\(route)")
            case (false, true): return "\(route) is in the OpenAPI subset but marked inSubset: false"
            default: return nil
            }
        }
    }

    /// One message per recorded exchange on a described route that does not match the subset.
    ///
    /// Checked: every answered exchange (status other than 0, which marks a deliberately dropped
    /// connection) on a route the subset describes, except 401s, which the fake forge sends for a
    /// missing token on every route while the subsets document them only on some.
    public func exchangeViolations(_ exchanges: [RecordedExchange], routes: [ForgeRoute] = FakeForge.routes) -> [String]
    {
        let undescribed = Set(routes.filter { !$0.inSubset }.map { "\($0.dialect) \($0.method) \($0.pathTemplate)" })
        return exchanges.compactMap { exchange in
            let key = "\(exchange.dialect) \(exchange.method) \(exchange.pathTemplate)"
            guard exchange.status != 0, exchange.status != 401, !undescribed.contains(key) else { return nil }
            let violations = contract(for: exchange.dialect).check(
                method: exchange.method, pathTemplate: exchange.pathTemplate, requestBody: exchange.requestBody,
                status: exchange.status, responseBody: exchange.responseBody)
            guard !violations.isEmpty else { return nil }
            return ContractViolation.failureMessage(
                for: violations,
                exchange: "\(exchange.dialect) \(exchange.method) \(exchange.path) → \(exchange.status)")
        }
    }
}
