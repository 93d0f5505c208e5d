import ConveyorTestSupport
import Foundation
import Testing

@testable import HTTP

@Suite("Pagination")
struct PaginationTests {
    @Test("every comment exactly once, in order, over three pages", arguments: ForgeDialect.allCases)
    func threePages(dialect: ForgeDialect) async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            for index in 1...7 { await forge.seedComment(issue: number, body: "comment \(index)") }
            let comments = try await forge.client().paginate(
                CommentSummary.self, HTTPRequest(url: forge.repositoryURL(dialect, "/issues/\(number)/comments")),
                dialect: dialect == .github ? .github : .gitea, pageSize: 3)
            #expect(comments.map(\.body) == (1...7).map { "comment \($0)" })
            #expect(Set(comments.map(\.id)).count == 7)
            #expect(await forge.requestCount(.listComments, dialect: dialect) == 3)
        }
    }

    @Test("more pages than maxPages throws instead of truncating")
    func pageBound() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            for index in 1...5 { await forge.seedComment(issue: number, body: "c\(index)") }
            let error = await thrownError {
                _ = try await forge.client().paginate(
                    CommentSummary.self, HTTPRequest(url: forge.repositoryURL(.github, "/issues/\(number)/comments")),
                    dialect: .github, pageSize: 2, maxPages: 2)
            }
            #expect((error as? HTTPError)?.code == .pagination)
        }
    }

    @Test("Gitea without a Link header pages by page/limit and stops at a short page")
    func giteaPageAndLimit() throws {
        let paginator = Paginator(dialect: .gitea, pageSize: 3)
        let base = try #require(URL(string: "https://gitea.example/api/v1/repos/o/r/pulls?state=open"))
        let first = paginator.firstRequest(from: HTTPRequest(url: base))
        #expect(first.url.queryValue("limit") == "3")
        #expect(first.url.queryValue("page") == "1")
        #expect(first.url.queryValue("state") == "open")
        let full = HTTPResponse(status: 200)
        let second = try #require(try paginator.nextRequest(after: first, response: full, itemCount: 3))
        #expect(second.url.queryValue("page") == "2")
        #expect(try paginator.nextRequest(after: second, response: full, itemCount: 2)?.url == nil)
        #expect(try paginator.nextRequest(after: second, response: full, itemCount: 0)?.url == nil)
    }

    @Test("a next link to another host is refused")
    func foreignNextLink() throws {
        let paginator = Paginator(dialect: .github, pageSize: nil)
        let first = HTTPRequest(url: try #require(URL(string: "https://api.github.com/repos/o/r/issues")))
        let response = HTTPResponse(status: 200, headers: ["Link": "<https://evil.example/steal?page=2>; rel=\"next\""])
        #expect(throws: HTTPError.self) { try paginator.nextRequest(after: first, response: response, itemCount: 30) }
    }

    @Test("Link headers: several relations, quoted or not, commas inside URLs")
    func linkHeaderParsing() throws {
        let header = LinkHeader(values: [
            "<https://api.github.com/r?page=2&q=a,b>; rel=\"next\", <https://api.github.com/r?page=9>; rel=last",
            "<https://api.github.com/r?page=1>; rel=\"first prev\"",
        ])
        #expect(header.next?.absoluteString == "https://api.github.com/r?page=2&q=a,b")
        #expect(header.targets["last"]?.absoluteString == "https://api.github.com/r?page=9")
        #expect(header.targets["prev"]?.absoluteString == "https://api.github.com/r?page=1")
    }
}
