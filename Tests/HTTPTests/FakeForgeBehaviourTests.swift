import ConveyorTestSupport
import Foundation
import HTTP
import Testing

@Suite("Fake forge behaviour")
struct FakeForgeBehaviourTests {
    @Test("requests without the forge's token get 401", arguments: ForgeDialect.allCases)
    func unauthorised(dialect: ForgeDialect) async throws {
        try await withForge { forge in
            let anonymous = HTTPClient(configuration: .init(retry: .none))
            let response = try await anonymous.send(
                HTTPRequest(url: forge.repositoryURL(dialect, "")), acceptAnyStatus: true)
            #expect(response.status == 401)
            let wrong = forge.client(authorization: "token not-the-token")
            #expect(
                try await wrong.send(HTTPRequest(url: forge.repositoryURL(dialect, "")), acceptAnyStatus: true).status
                    == 401)
            #expect(
                try await forge.client(authorization: "token \(forge.token)").send(
                    HTTPRequest(url: forge.repositoryURL(dialect, ""))
                ).status == 200)
        }
    }

    @Test("a created comment is listed and stored", arguments: ForgeDialect.allCases)
    func commentRoundTrip(dialect: ForgeDialect) async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            let client = forge.client()
            let url = forge.repositoryURL(dialect, "/issues/\(number)/comments")
            let created = try await client.send(HTTPRequest.json(.post, url, body: ["body": "Looks good"]))
            #expect(created.status == 201)
            let comment = try created.decode(CommentSummary.self)
            let listed = try await client.json([CommentSummary].self, HTTPRequest(url: url))
            #expect(listed == [comment])
            #expect(await forge.comments(issue: number).map(\.body) == ["Looks good"])

            let edited = try await client.json(
                CommentSummary.self,
                HTTPRequest.json(
                    .patch, forge.repositoryURL(dialect, "/issues/comments/\(comment.id)"), body: ["body": "Edited"]))
            #expect(edited.body == "Edited")
            #expect(await forge.comments(issue: number).map(\.body) == ["Edited"])
        }
    }

    @Test("GitHub adds labels by name and removes them by name")
    func githubLabels() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            let client = forge.client()
            let added = try await client.json(
                [LabelSummary].self,
                HTTPRequest.json(
                    .post, forge.repositoryURL(.github, "/issues/\(number)/labels"), body: ["labels": ["bug", "ready"]])
            )
            #expect(added.map(\.name) == ["bug", "ready"])
            let remaining = try await client.json(
                [LabelSummary].self,
                HTTPRequest(method: .delete, url: forge.repositoryURL(.github, "/issues/\(number)/labels/bug")))
            #expect(remaining.map(\.name) == ["ready"])
            #expect(await forge.labels(issue: number) == ["ready"])
            let missing = try await client.send(
                HTTPRequest(method: .delete, url: forge.repositoryURL(.github, "/issues/\(number)/labels/bug")),
                acceptAnyStatus: true)
            #expect(missing.status == 404)
        }
    }

    @Test("Gitea adds labels by name or id and removes them by id")
    func giteaLabels() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            let existing = await forge.seedLabel("stage/review")
            let client = forge.client()
            let body = #"{"labels":["bug",\#(existing.id)]}"#
            let added = try await client.json(
                [LabelSummary].self,
                HTTPRequest(
                    method: .post, url: forge.repositoryURL(.gitea, "/issues/\(number)/labels"),
                    headers: ["Content-Type": "application/json"], body: Data(body.utf8)))
            #expect(added.map(\.name) == ["bug", "stage/review"])
            let removed = try await client.send(
                HTTPRequest(
                    method: .delete, url: forge.repositoryURL(.gitea, "/issues/\(number)/labels/\(existing.id)")))
            #expect(removed.status == 204)
            #expect(await forge.labels(issue: number) == ["bug"])
        }
    }
}
