import ConveyorTestSupport
import Foundation
import HTTP
import Testing

@Suite("Fake forge route table")
struct RouteCoverageTests {
    /// What the route requests refer to, seeded before they run.
    private struct Fixture {
        let issue: Int
        let pull: Int
        let comment: Int
        let label: ForgeLabel
        let sha = String(repeating: "a1", count: 20)
    }

    @Test("every route in FakeForge.routes answers a valid request with 2xx and is recorded")
    func everyRouteAnswers() async throws {
        try await withForge { forge in
            let issue = await forge.seedIssue(labels: ["bug"])
            let fixture = Fixture(
                issue: issue, pull: await forge.seedPull(head: "feature"),
                comment: await forge.seedComment(issue: issue, body: "first"), label: await forge.seedLabel("bug"))
            await forge.setPermission(user: "alice", level: .write)
            let client = forge.client()
            for route in FakeForge.routes {
                if route.operation == .addLabels || route.operation == .removeLabel {
                    _ = try await client.send(
                        HTTPRequest.json(
                            .post, forge.repositoryURL(route.dialect, "/issues/\(issue)/labels"),
                            body: ["labels": ["bug"]]))
                }
                let response = try await client.send(try request(for: route, in: forge, fixture))
                #expect((200..<300).contains(response.status), "\(route) answered \(response.status)")
            }
            let recorded = await forge.exchanges()
            for route in FakeForge.routes {
                let hits = recorded.filter {
                    $0.dialect == route.dialect && $0.method == route.method && $0.pathTemplate == route.pathTemplate
                }
                #expect(hits.contains { (200..<300).contains($0.status) }, "\(route) not recorded")
            }
            #expect(
                FakeForge.routes.filter { !$0.inSubset }.map(\.description) == [
                    "github POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
                ])
            #expect(await forge.dispatches().map(\.ref) == ["main", "main"])
            #expect(await forge.statuses(sha: fixture.sha).count == 2)
        }
    }

    private func request(for route: ForgeRoute, in forge: FakeForge, _ fixture: Fixture) throws -> HTTPRequest {
        let dialect = route.dialect
        func get(_ suffix: String) -> HTTPRequest { HTTPRequest(url: forge.repositoryURL(dialect, suffix)) }
        func send(_ method: HTTPMethod, _ suffix: String, _ body: [String: String]) throws -> HTTPRequest {
            try HTTPRequest.json(method, forge.repositoryURL(dialect, suffix), body: body)
        }
        switch route.operation {
        case .getRepository: return get("")
        case .getIssue: return get("/issues/\(fixture.issue)")
        case .updateIssue: return try send(.patch, "/issues/\(fixture.issue)", ["title": "Renamed"])
        case .listComments: return get("/issues/\(fixture.issue)/comments")
        case .createComment: return try send(.post, "/issues/\(fixture.issue)/comments", ["body": "hello"])
        case .updateComment: return try send(.patch, "/issues/comments/\(fixture.comment)", ["body": "edited"])
        case .listLabels: return get("/issues/\(fixture.issue)/labels")
        case .addLabels:
            return try send(.post, "/issues/\(fixture.issue)/labels", [:]).withBody(#"{"labels":["ready"]}"#)
        case .removeLabel:
            let name = dialect == .github ? fixture.label.name : String(fixture.label.id)
            return HTTPRequest(
                method: .delete, url: forge.repositoryURL(dialect, "/issues/\(fixture.issue)/labels/\(name)"))
        case .listPulls: return get("/pulls")
        case .createPull:
            return try send(.post, "/pulls", ["title": "New", "head": "topic-\(dialect)", "base": "main"])
        case .getPull: return get("/pulls/\(fixture.pull)")
        case .updatePull: return try send(.patch, "/pulls/\(fixture.pull)", ["body": "Updated"])
        case .createStatus:
            return try send(
                .post, "/statuses/\(fixture.sha)",
                ["state": "success", "context": "conveyor", "description": "ok", "target_url": "https://ci.example/1"])
        case .getCombinedStatus: return get("/commits/\(fixture.sha)/status")
        case .getPermission: return get("/collaborators/alice/permission")
        case .dispatchWorkflow:
            return try send(.post, "/actions/workflows/agent.yml/dispatches", [:])
                .withBody(#"{"ref":"main","inputs":{"issue":"1","dry_run":true}}"#)
        }
    }
}

extension HTTPRequest {
    /// This request with `json` as its body.
    fileprivate func withBody(_ json: String) -> HTTPRequest {
        var copy = self
        copy.body = Data(json.utf8)
        return copy
    }
}
