import ConveyorTestSupport
import Foundation
import HTTP
import Testing

@Suite("HTTPClient retries")
struct HTTPClientRetryTests {
    @Test("a 502 is retried and the following success is returned")
    func retriesBadGateway() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue(title: "Flaky gateway")
            await forge.inject(.status(502, body: "bad gateway"), on: .getIssue, dialect: .github)
            let issue = try await forge.client().json(
                IssueSummary.self, HTTPRequest(url: forge.repositoryURL(.github, "/issues/\(number)")))
            #expect(issue == IssueSummary(number: number, title: "Flaky gateway"))
            #expect(await forge.requestCount(.getIssue) == 2)
        }
    }

    @Test("429 with Retry-After: 2 waits at least two seconds, then succeeds")
    func honoursRetryAfter() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            await forge.inject(.status(429, headers: ["Retry-After": "2"]), on: .getIssue, dialect: .gitea)
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await forge.client().send(
                HTTPRequest(url: forge.repositoryURL(.gitea, "/issues/\(number)")))
            #expect(response.status == 200)
            #expect(clock.now - start >= .milliseconds(1_900))
            #expect(await forge.requestCount(.getIssue) == 2)
        }
    }

    @Test("an endless 500 gives up after maxAttempts with method, path, status and attempts in the error")
    func givesUpOnPersistentServerError() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            await forge.inject(.status(500, body: #"{"message":"boom"}"#), on: .getIssue, times: 10)
            let url = forge.repositoryURL(.github, "/issues/\(number)?per_page=5")
            let error = await thrownError { _ = try await forge.client().send(HTTPRequest(url: url)) }
            let httpError = try #require(error as? HTTPError)
            #expect(httpError.code == .status)
            #expect(httpError.status == 500)
            #expect(httpError.attempts == 3)
            let text = httpError.description
            #expect(text.contains("GET /repos/\(forge.owner)/\(forge.repo)/issues/\(number) failed with HTTP 500"))
            #expect(text.contains("after 3 attempts"))
            #expect(text.contains(#"{"message":"boom"}"#))
            #expect(!text.contains("per_page"))
            #expect(await forge.requestCount(.getIssue) == 3)
        }
    }

    @Test("a 404 is not retried and throws, unless the caller accepts any status")
    func doesNotRetryClientErrors() async throws {
        try await withForge { forge in
            let url = forge.repositoryURL(.github, "/issues/999")
            let error = await thrownError { _ = try await forge.client().send(HTTPRequest(url: url)) }
            #expect((error as? HTTPError)?.status == 404)
            #expect((error as? HTTPError)?.attempts == 1)
            let raw = try await forge.client().send(HTTPRequest(url: url), acceptAnyStatus: true)
            #expect(raw.status == 404)
            #expect(await forge.requestCount(.getIssue) == 2)
        }
    }

    @Test("GitHub's rate limit (403, remaining 0, reset ahead) is retried once the reset time has passed")
    func waitsForRateLimitReset() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            let start = Date()
            let reset = Int(start.timeIntervalSince1970) + 2
            await forge.inject(.rateLimited(resetEpochSeconds: reset), on: .getIssue, dialect: .github)
            let response = try await forge.client().send(
                HTTPRequest(url: forge.repositoryURL(.github, "/issues/\(number)")))
            #expect(response.status == 200)
            #expect(Date().timeIntervalSince1970 >= Double(reset) - 0.01)
            #expect(await forge.requestCount(.getIssue) == 2)
        }
    }

    @Test("a rate limit asking for a longer wait than maxServerWait fails at once as rateLimited")
    func refusesOverlongServerWait() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            await forge.inject(.status(403, headers: ["Retry-After": "3600"]), on: .getIssue)
            let error = await thrownError {
                _ = try await forge.client().send(HTTPRequest(url: forge.repositoryURL(.github, "/issues/\(number)")))
            }
            let httpError = try #require(error as? HTTPError)
            #expect(httpError.code == .rateLimited)
            #expect(httpError.attempts == 1)
            #expect(httpError.description.contains("asked to wait"))
        }
    }
}
