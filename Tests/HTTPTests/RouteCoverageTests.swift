import ConveyorTestSupport
import Foundation
import HTTP
import Testing

@Suite("Fake forge route table")
struct RouteCoverageTests {
    @Test("every route in FakeForge.routes answers a valid request with 2xx and is recorded")
    func everyRouteAnswers() async throws {
        try await withForge { forge in
            let answered = try await forge.exerciseEveryRoute(with: forge.client())
            #expect(answered.count == FakeForge.routes.count)
            for (route, status) in answered {
                #expect((200..<300).contains(status), "\(route) answered \(status)")
            }
            let recorded = await forge.exchanges()
            for route in FakeForge.routes {
                let hits = recorded.filter {
                    $0.dialect == route.dialect && $0.method == route.method && $0.pathTemplate == route.pathTemplate
                }
                #expect(hits.contains { (200..<300).contains($0.status) }, "\(route) not recorded")
            }
            // Every route, GitHub's workflow dispatch included, is in its dialect's OpenAPI subset.
            #expect(FakeForge.routes.filter { !$0.inSubset }.map(\.description) == [])
            #expect(await forge.dispatches().map(\.ref) == ["main", "main"])
            #expect(await forge.statuses(sha: String(repeating: "a1", count: 20)).count == 2)
        }
    }
}
