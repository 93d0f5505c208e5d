import ConveyorTestSupport
import Foundation
import HTTP
import Testing

/// The fake forge, as served, against the corpus OpenAPI subsets.
@Suite struct FakeForgeContractTests {
    private func withForge(_ body: (FakeForge, HTTPClient) async throws -> Void) async throws {
        let forge = try await FakeForge.start()
        let client = HTTPClient(
            configuration: .init(
                connectTimeout: .seconds(2), totalTimeout: .seconds(10), retry: .none, userAgent: "contract-tests",
                authorization: "Bearer \(forge.token)"))
        do {
            try await body(forge, client)
        } catch {
            await forge.stop()
            throw error
        }
        await forge.stop()
    }

    @Test func everyServedRouteIsInTheSubsetUnlessMarkedOtherwise() throws {
        let check = try ForgeContractCheck()
        let violations = check.routeViolations(FakeForge.routes)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test func everyExchangeOnEveryRouteMatchesTheSubset() async throws {
        let check = try ForgeContractCheck()
        try await withForge { forge, client in
            let answered = try await forge.exerciseEveryRoute(with: client)
            #expect(answered.allSatisfy { (200..<300).contains($0.status) })
            // Error answers are part of the contract too: a missing issue and a missing comment.
            for dialect in ForgeDialect.allCases {
                _ = try await client.send(
                    HTTPRequest(url: forge.repositoryURL(dialect, "/issues/9999")), acceptAnyStatus: true)
            }
            let exchanges = await forge.exchanges()
            let served = Set(exchanges.map { "\($0.dialect) \($0.method) \($0.pathTemplate)" })
            #expect(served.count == FakeForge.routes.count, "every route was exercised")
            let violations = check.exchangeViolations(exchanges)
            #expect(violations.isEmpty, "\(violations.joined(separator: "\n\n"))")
        }
    }

    /// The proof that the contract test can fail: a served response with a field GitHub does not
    /// describe, and a served route the subset does not have.
    @Test func anUndescribedFieldOrRouteFailsTheContract() async throws {
        let check = try ForgeContractCheck()
        try await withForge { forge, client in
            let issue = await forge.seedIssue(labels: [])
            let url = forge.repositoryURL(.github, "/issues/\(issue)")
            let genuine = try await client.send(HTTPRequest(url: url))
            var object = try #require(try JSONSerialization.jsonObject(with: genuine.body) as? [String: Any])
            object["reviewer_note"] = "invented by the fake"
            let tampered = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            await forge.inject(
                .status(200, headers: ["Content-Type": "application/json"], body: tampered), on: .getIssue,
                dialect: .github)
            _ = try await client.send(HTTPRequest(url: url))

            let violations = check.exchangeViolations(await forge.exchanges())
            #expect(violations.count == 1)
            #expect(violations.first?.contains("reviewer_note") == true)
        }
        let invented = ForgeRoute(
            dialect: .gitea, method: "GET", pathTemplate: "/repos/{owner}/{repo}/issues/{index}/timeline",
            inSubset: true,
            operation: .getIssue)
        let routeViolations = check.routeViolations([invented])
        #expect(routeViolations.count == 1)
        #expect(routeViolations.first?.contains("/timeline") == true)
    }
}
