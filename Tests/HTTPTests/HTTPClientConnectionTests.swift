import ConveyorTestSupport
import Foundation
import HTTP
import Testing

@Suite("HTTPClient connections")
struct HTTPClientConnectionTests {
    @Test("a dropped connection is reported as a connection error (curl: empty reply)")
    func droppedConnectionIsAConnectionError() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            await forge.inject(.dropConnection, on: .getIssue)
            let client = forge.client(retry: .none)
            let error = await thrownError {
                _ = try await client.send(HTTPRequest(url: forge.repositoryURL(.github, "/issues/\(number)")))
            }
            let httpError = try #require(error as? HTTPError)
            #expect(httpError.code == .connection)
            #expect(httpError.status == nil)
            #expect(httpError.transportError?.contains("curl error 52") == true)
        }
    }

    @Test("a dropped connection is retried and the retry succeeds")
    func retriesDroppedConnection() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue(title: "Dropped once")
            await forge.inject(.dropConnection, on: .getIssue, dialect: .gitea)
            let issue = try await forge.client().json(
                IssueSummary.self, HTTPRequest(url: forge.repositoryURL(.gitea, "/issues/\(number)")))
            #expect(issue.title == "Dropped once")
            #expect(await forge.requestCount(.getIssue) == 2)
        }
    }

    @Test("a response slower than the total timeout ends in a timeout error, without hanging")
    func totalTimeoutBoundsAHangingServer() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            // The server would answer after 30 s; the client must give up long before (the bound is loose on
            // purpose: this machine is shared and noisy, and only "far less than the server's delay" matters).
            await forge.inject(.delay(milliseconds: 30_000), on: .getIssue, times: 2)
            let client = forge.client(
                retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10)),
                totalTimeout: .milliseconds(400))
            let clock = ContinuousClock()
            let start = clock.now
            let error = await thrownError {
                _ = try await client.send(HTTPRequest(url: forge.repositoryURL(.github, "/issues/\(number)")))
            }
            let elapsed = clock.now - start
            let httpError = try #require(error as? HTTPError)
            #expect(httpError.code == .timeout)
            #expect(httpError.attempts == 2)
            #expect(httpError.transportError?.contains("curl error 28") == true)
            #expect(elapsed >= .milliseconds(800))
            #expect(elapsed < .seconds(15))
        }
    }

    @Test("a closed port is a connection error after the retries")
    func refusedConnection() async throws {
        let closed = try await FakeForge.start()
        let url = closed.repositoryURL(.github, "/issues/1")
        let client = closed.client()
        await closed.stop()
        let error = await thrownError { _ = try await client.send(HTTPRequest(url: url)) }
        let httpError = try #require(error as? HTTPError)
        #expect(httpError.code == .connection)
        #expect(httpError.attempts == 3)
        #expect(httpError.transportError?.contains("curl error 7") == true)
    }

    @Test("sequential requests reuse one keep-alive connection")
    func keepAlive() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            let client = forge.client()
            for dialect in [ForgeDialect.github, .gitea, .github, .gitea, .github] {
                let response = try await client.send(
                    HTTPRequest(url: forge.repositoryURL(dialect, "/issues/\(number)")))
                #expect(response.status == 200)
            }
            _ = try await client.send(
                HTTPRequest.json(
                    .post, forge.repositoryURL(.github, "/issues/\(number)/comments"), body: ["body": "hi"]))
            #expect(await forge.requestCount(.getIssue) == 5)
            #expect(await forge.connectionCount() == 1)
        }
    }

    @Test("Curl reports the linked libcurl, its TLS backend and http(s) support")
    func curlVersionInfo() {
        #expect(Curl.version.split(separator: ".").count == 3)
        #expect(!Curl.sslBackend.isEmpty)
        #expect(Curl.protocols.contains("https"))
        #expect(Curl.protocols.contains("http"))
    }
}
