import Foundation
import HTTP

extension FakeForge {
    /// What the route requests refer to, seeded before they run.
    private struct ExerciseFixture {
        let issue: Int
        let pull: Int
        let comment: Int
        let label: ForgeLabel
        let sha = String(repeating: "a1", count: 20)
    }

    /// Sends one valid request to every route in ``routes`` on both dialects, after seeding the issue,
    /// pull request, comment, label and collaborator they refer to.
    ///
    /// Contract and coverage tests use it so that no served route can escape their checks.
    /// - Returns: each route with the status it answered, in ``routes`` order.
    public func exerciseEveryRoute(with client: HTTPClient) async throws -> [(route: ForgeRoute, status: Int)] {
        let issue = await seedIssue(labels: ["bug"])
        let fixture = ExerciseFixture(
            issue: issue, pull: await seedPull(head: "feature"),
            comment: await seedComment(issue: issue, body: "first"), label: await seedLabel("bug"))
        await setPermission(user: "alice", level: .write)
        await seedTag("v1.1.0")
        await seedMilestone("1.1.0")
        var answered: [(route: ForgeRoute, status: Int)] = []
        for route in Self.routes {
            if route.operation == .removeLabel {
                let relabel = try HTTPRequest.json(
                    .post, repositoryURL(route.dialect, "/issues/\(issue)/labels"), body: ["labels": ["bug"]])
                _ = try await client.send(relabel)
            }
            var request = try exerciseRequest(for: route, fixture)
            if route.operation == .deleteLabel {
                let retired = await seedLabel("retired-\(route.dialect)")
                let name = route.dialect == .github ? retired.name : String(retired.id)
                request = HTTPRequest(method: .delete, url: repositoryURL(route.dialect, "/labels/\(name)"))
            }
            let response = try await client.send(request, acceptAnyStatus: true)
            answered.append((route, response.status))
        }
        return answered
    }

    private func exerciseRequest(for route: ForgeRoute, _ fixture: ExerciseFixture) throws -> HTTPRequest {
        let dialect = route.dialect
        func get(_ suffix: String) -> HTTPRequest { HTTPRequest(url: repositoryURL(dialect, suffix)) }
        func send(_ method: HTTPMethod, _ suffix: String, _ json: String) -> HTTPRequest {
            HTTPRequest(
                method: method, url: repositoryURL(dialect, suffix), headers: ["Content-Type": "application/json"],
                body: Data(json.utf8))
        }
        switch route.operation {
        case .getRepository: return get("")
        case .getIssue: return get("/issues/\(fixture.issue)")
        case .updateIssue: return send(.patch, "/issues/\(fixture.issue)", #"{"title":"Renamed"}"#)
        case .listComments: return get("/issues/\(fixture.issue)/comments")
        case .createComment: return send(.post, "/issues/\(fixture.issue)/comments", #"{"body":"hello"}"#)
        case .updateComment: return send(.patch, "/issues/comments/\(fixture.comment)", #"{"body":"edited"}"#)
        case .listLabels: return get("/issues/\(fixture.issue)/labels")
        case .addLabels: return send(.post, "/issues/\(fixture.issue)/labels", #"{"labels":["ready"]}"#)
        case .removeLabel:
            let name = dialect == .github ? fixture.label.name : String(fixture.label.id)
            return HTTPRequest(method: .delete, url: repositoryURL(dialect, "/issues/\(fixture.issue)/labels/\(name)"))
        case .listPulls: return get("/pulls")
        case .createPull:
            return send(.post, "/pulls", #"{"title":"New","head":"topic-\#(dialect)","base":"main"}"#)
        case .getPull: return get("/pulls/\(fixture.pull)")
        case .updatePull: return send(.patch, "/pulls/\(fixture.pull)", #"{"body":"Updated"}"#)
        case .createStatus:
            return send(
                .post, "/statuses/\(fixture.sha)",
                #"{"state":"success","context":"conveyor","description":"ok","target_url":"https://ci.example/1"}"#)
        case .getCombinedStatus: return get("/commits/\(fixture.sha)/status")
        case .getPermission: return get("/collaborators/alice/permission")
        case .getAuthenticatedUser:
            return HTTPRequest(url: apiURL(dialect).appendingPathComponent("user"))
        case .dispatchWorkflow:
            return send(.post, "/actions/workflows/agent.yml/dispatches", #"{"ref":"main","inputs":{"issue":"1"}}"#)
        case .listRepositoryLabels: return get("/labels")
        case .createLabel:
            return send(.post, "/labels", #"{"name":"new-\#(dialect)","color":"1d76db","description":"made"}"#)
        case .editLabel:
            let name = dialect == .github ? fixture.label.name : String(fixture.label.id)
            return send(.patch, "/labels/\(name)", #"{"color":"d73a4a","description":"Something is wrong"}"#)
        case .deleteLabel:
            return HTTPRequest(method: .delete, url: repositoryURL(dialect, "/labels/none"))
        case .listIssues: return get("/issues?state=open&labels=bug")
        case .createIssue: return send(.post, "/issues", #"{"title":"Release 1.2.0","body":"The train."}"#)
        case .listMilestones: return get("/milestones?state=all")
        case .createMilestone:
            return send(.post, "/milestones", #"{"title":"1.2.0-\#(dialect)","description":"Release 1.2.0"}"#)
        case .listTags: return get("/tags")
        }
    }
}
