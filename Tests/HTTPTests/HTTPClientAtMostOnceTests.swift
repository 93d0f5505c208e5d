import ConveyorTestSupport
import Foundation
import HTTP
import Testing

/// A request marked ``HTTPRequest/sendsAtMostOnce`` reaches the server once, even when its connection is dropped on
/// a reused keep-alive connection, where libcurl would otherwise send it again by itself.
@Suite struct HTTPClientAtMostOnceTests {
    @Test(arguments: ForgeDialect.allCases)
    func aDroppedCreateOnAReusedConnectionIsSentOnce(dialect: ForgeDialect) async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            let client = forge.client()
            _ = try await client.send(HTTPRequest(url: forge.repositoryURL(dialect, "/issues/\(number)")))
            await forge.inject(.afterWrite(.dropConnection), on: .createComment, dialect: dialect)
            var create = try HTTPRequest.json(
                .post, forge.repositoryURL(dialect, "/issues/\(number)/comments"), body: ["body": "once"])
            create.sendsAtMostOnce = true
            let error = await thrownError { _ = try await client.send(create) }
            #expect((error as? HTTPError)?.attempts == 1)
            #expect(await forge.requestCount(.createComment, dialect: dialect) == 1)
            #expect(await forge.comments(issue: number).map(\.body) == ["once"])
        }
    }

    @Test func anOrdinaryRequestIsStillRetried() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            await forge.inject(.status(502), on: .createComment, dialect: .github)
            let create = try HTTPRequest.json(
                .post, forge.repositoryURL(.github, "/issues/\(number)/comments"), body: ["body": "twice"])
            _ = try await forge.client().send(create)
            #expect(await forge.requestCount(.createComment, dialect: .github) == 2)
        }
    }
}
