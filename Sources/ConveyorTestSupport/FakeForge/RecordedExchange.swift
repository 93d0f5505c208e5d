import Foundation

/// One request the fake forge answered on a known route, and its answer.
///
/// Every matched request is recorded, including 401s and injected faults, so a contract test
/// validating against the OpenAPI subsets should pick the statuses it checks.
public struct RecordedExchange: Sendable {
    /// The API the request spoke.
    public let dialect: ForgeDialect
    /// The HTTP method, upper case.
    public let method: String
    /// The route's OpenAPI path template (Gitea without `/api/v1`).
    public let pathTemplate: String
    /// The request path as received, percent-encoded, without query (Gitea with `/api/v1`).
    public let path: String
    /// The request body, nil when there was none.
    public let requestBody: Data?
    /// The status sent (0 when the connection was dropped on purpose).
    public let status: Int
    /// The response body sent.
    public let responseBody: Data
}
