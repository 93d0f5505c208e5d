import Foundation

/// Sends HTTP requests with a retry, timeout and authentication policy, over reused keep-alive
/// connections.
///
/// ```swift
/// let client = HTTPClient(configuration: .init(authorization: "Bearer \(token)"))
/// let issue = try await client.json(Issue.self, HTTPRequest(url: issueURL))
/// ```
///
/// Transfers run on private serial queues, each owning one reused libcurl easy handle (see
/// `CurlTransport`), so blocking C calls never occupy Swift's cooperative pool. Sequential requests
/// reuse one connection; requests from concurrent tasks run at the same time, on connections of
/// their own (a few are kept open for later requests).
///
/// Retried: refused, dropped or timed-out connections, 5xx, 429, and 403 rate limits (with
/// `Retry-After` or `x-ratelimit-remaining: 0`), up to ``RetryPolicy/maxAttempts``. Other 4xx are
/// final. Every thrown ``HTTPError`` is free of the `Authorization` value and its token.
///
/// Proxies come from the environment, read by libcurl: `https_proxy`/`HTTPS_PROXY`, `http_proxy`,
/// `ALL_PROXY` and `no_proxy`. Uppercase `HTTP_PROXY` is ignored by libcurl by design (httpoxy).
public final class HTTPClient: Sendable {
    /// The policy applied to every request.
    public let configuration: Configuration
    private let transport = CurlTransport()

    /// Creates a client; no connection is made until the first request.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Sends `request`, retrying per the policy, and returns the 2xx response.
    ///
    /// - Parameter acceptAnyStatus: when true, a final non-2xx response that is not retried
    ///   (e.g. 404) is returned instead of thrown. Giving up after retries still throws.
    /// - Throws: ``HTTPError`` (never containing credentials); `CancellationError` when the task
    ///   is cancelled between attempts.
    public func send(_ request: HTTPRequest, acceptAnyStatus: Bool = false) async throws -> HTTPResponse {
        let prepared = try prepare(request)
        let redactor = SecretRedactor(authorizationValues: [
            configuration.authorization, request.headers["Authorization"],
        ])
        var attempt = 1
        while true {
            let outcome = await transport.perform(prepared)
            let context = AttemptContext(
                request: request, attempt: attempt, acceptAnyStatus: acceptAnyStatus,
                policy: request.sendsAtMostOnce ? .none : configuration.retry, redactor: redactor)
            switch nextStep(after: outcome, context) {
            case .finish(let response):
                return response
            case .fail(let error):
                throw error
            case .retry(let wait):
                try await Task.sleep(for: wait)
                attempt += 1
            }
        }
    }

    /// Applies the configuration: merges headers, checks the URL, converts timeouts.
    private func prepare(_ request: HTTPRequest) throws(HTTPError) -> PreparedRequest {
        var headers = configuration.defaultHeaders
        if let authorization = configuration.authorization { headers["Authorization"] = authorization }
        headers = headers.merging(request.headers)
        let scheme = request.url.scheme?.lowercased()
        let hasHost = !(request.url.host ?? "").isEmpty
        let headersAreClean = headers.fields.allSatisfy { !"\($0.name)\($0.value)".contains(where: \.isNewline) }
        guard scheme == "http" || scheme == "https", hasHost, headersAreClean else {
            throw HTTPError(
                code: .invalidRequest, method: request.method, path: request.url.redactedPath, attempts: 0,
                detail: "Only absolute http(s) URLs and header values without line breaks can be sent.")
        }
        return PreparedRequest(
            method: request.method, url: request.url.absoluteString,
            headerLines: headers.fields.map { "\($0.name): \($0.value)" }, body: request.body,
            userAgent: configuration.userAgent,
            connectTimeoutMilliseconds: configuration.connectTimeout.curlMilliseconds,
            totalTimeoutMilliseconds: configuration.totalTimeout.curlMilliseconds,
            maxResponseSize: configuration.maxResponseSize, freshConnection: request.sendsAtMostOnce)
    }
}
