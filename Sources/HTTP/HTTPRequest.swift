import Foundation

/// One HTTP request: what ``HTTPClient/send(_:acceptAnyStatus:)`` sends.
///
/// The client adds its configured `Authorization`, `User-Agent` and default headers; a header set
/// here replaces the client's header of the same name.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    /// The request method.
    public var method: HTTPMethod
    /// The absolute `http` or `https` URL.
    public var url: URL
    /// Request-specific headers.
    public var headers: HTTPHeaders
    /// The request body, if any.
    public var body: Data?
    /// True for a write that must not be repeated blindly (a `POST` that creates something): it is sent once,
    /// without the client's retries, and on a new connection, since libcurl silently sends a request again when a
    /// reused keep-alive connection turns out closed before any answer. A caller that retries such a write first
    /// looks up whether it happened.
    public var sendsAtMostOnce: Bool

    /// Creates a request.
    public init(
        method: HTTPMethod = .get, url: URL, headers: HTTPHeaders = [:], body: Data? = nil,
        sendsAtMostOnce: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.sendsAtMostOnce = sendsAtMostOnce
    }

    /// The method and the URL path, without query or credentials: what errors and logs may show.
    public var description: String {
        "\(method) \(url.redactedPath)"
    }
}

extension HTTPRequest {
    /// A request whose body is `body` encoded as JSON, with `Content-Type` and `Accept` set to JSON.
    ///
    /// - Throws: `EncodingError` when `body` cannot be encoded.
    public static func json(
        _ method: HTTPMethod, _ url: URL, body: some Encodable, headers: HTTPHeaders = [:],
        encoder: JSONEncoder = JSONEncoder()
    ) throws -> HTTPRequest {
        var request = HTTPRequest(method: method, url: url, headers: headers, body: try encoder.encode(body))
        if request.headers["Content-Type"] == nil { request.headers["Content-Type"] = "application/json" }
        if request.headers["Accept"] == nil { request.headers["Accept"] = "application/json" }
        return request
    }
}

extension URL {
    /// The path alone, percent-encoded as sent, with no scheme, host, userinfo, query or fragment.
    var redactedPath: String {
        let path = URLComponents(url: self, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        return path.isEmpty ? "/" : path
    }
}
