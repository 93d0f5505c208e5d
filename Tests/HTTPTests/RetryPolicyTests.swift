import Foundation
import Testing

@testable import HTTP

@Suite("Retry policy and advice")
struct RetryPolicyTests {
    @Test("backoff doubles from baseDelay, is capped by maxDelay and shortened by at most jitter")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: 0.5)
        #expect(policy.backoff(afterAttempt: 1, random: 0) == .milliseconds(100))
        #expect(policy.backoff(afterAttempt: 3, random: 0) == .milliseconds(400))
        #expect(policy.backoff(afterAttempt: 5, random: 0) == .seconds(1))
        #expect(policy.backoff(afterAttempt: 3, random: 1) == .milliseconds(200))
    }

    @Test("Retry-After in seconds or as an HTTP date, and x-ratelimit-reset when nothing remains")
    func requestedWait() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAdvice.requestedWait(in: ["Retry-After": "7"], now: now) == .seconds(7))
        let date = "Tue, 14 Nov 2023 22:13:30 GMT"
        #expect(RetryAdvice.requestedWait(in: ["Retry-After": date], now: now) == .seconds(10))
        let reset: HTTPHeaders = ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000003"]
        #expect(RetryAdvice.requestedWait(in: reset, now: now) == .seconds(3))
        let notExhausted: HTTPHeaders = ["x-ratelimit-remaining": "12", "x-ratelimit-reset": "1700000003"]
        #expect(RetryAdvice.requestedWait(in: notExhausted, now: now) == nil)
    }

    @Test("retryable: 5xx, 429 and rate-limit 403s; not other 4xx")
    func retryableStatuses() {
        #expect(RetryAdvice.isRetryable(HTTPResponse(status: 503)))
        #expect(RetryAdvice.isRetryable(HTTPResponse(status: 429)))
        #expect(RetryAdvice.isRetryable(HTTPResponse(status: 403, headers: ["Retry-After": "60"])))
        #expect(RetryAdvice.isRetryable(HTTPResponse(status: 403, headers: ["X-RateLimit-Remaining": "0"])))
        #expect(!RetryAdvice.isRetryable(HTTPResponse(status: 403)))
        #expect(!RetryAdvice.isRetryable(HTTPResponse(status: 404)))
        #expect(!RetryAdvice.isRetryable(HTTPResponse(status: 422)))
    }
}
