/// A request that failed for good: a status the client does not retry, a retry budget used up,
/// or a transport failure.
///
/// The description names the method, the URL path (never the query or userinfo), the status or
/// transport error, the number of attempts and the start of the response body. Credentials never
/// appear: the client removes its `Authorization` value, and the token inside it, from every text
/// it stores here.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; match with `catch HTTPError.Code.timeout` or `error.code == .status`.
    public let code: Code
    /// The request method.
    public let method: HTTPMethod
    /// The URL path, percent-encoded, without query, fragment or credentials.
    public let path: String
    /// The last HTTP status received, if the server answered at all.
    public let status: Int?
    /// The curl error of the last attempt (number and message), if the transfer itself failed.
    public let transportError: String?
    /// How many attempts were made (1 when the first answer was final).
    public let attempts: Int
    /// The first 512 bytes of the last response body, as text.
    public let bodyPrefix: String
    /// Extra detail about the failure, e.g. how long a rate limit asked to wait.
    public let detail: String?

    /// The largest number of body bytes kept in ``bodyPrefix``.
    public static let bodyPrefixLimit = 512

    /// Creates an error; `bodyPrefix` is cut to ``bodyPrefixLimit`` bytes.
    public init(
        code: Code, method: HTTPMethod, path: String, status: Int? = nil, transportError: String? = nil,
        attempts: Int, bodyPrefix: String = "", detail: String? = nil
    ) {
        self.code = code
        self.method = method
        self.path = path
        self.status = status
        self.transportError = transportError
        self.attempts = attempts
        self.bodyPrefix = String(decoding: bodyPrefix.utf8.prefix(Self.bodyPrefixLimit), as: UTF8.self)
        self.detail = detail
    }

    public var description: String {
        var text = "\(method) \(path) failed"
        if let status { text += " with HTTP \(status)" }
        if let transportError { text += ": \(transportError)" }
        text += attempts == 1 ? " (1 attempt)." : " after \(attempts) attempts."
        if let detail { text += " \(detail)" }
        if !bodyPrefix.isEmpty { text += " Response body: \(bodyPrefix)" }
        return text + " " + remedy
    }

    /// One sentence on what to check next.
    private var remedy: String {
        switch (code, status) {
        case (.status, 401): "Check that the token is set and still valid."
        case (.status, 403), (.status, 404): "Check the token's permissions and the owner/repository names."
        case (.status, let status?) where status >= 500: "The server kept failing; try again later."
        case (.rateLimited, _): "The API rate limit is exhausted; wait for it to reset or use another token."
        case (.timeout, _): "Check the network and the proxy settings (https_proxy, no_proxy), then run the job again."
        case (.connection, _): "Check the API URL, the network and the proxy settings (https_proxy, no_proxy)."
        case (.responseTooLarge, _):
            "The answer is larger than Conveyor reads from one response (32 MiB; not a setting). Make the object "
                + "smaller, e.g. shorten the issue body or a comment, then run the job again."
        case (.pagination, _):
            "There are more pages than Conveyor reads; remove some of the items listed (labels, comments, "
                + "pull requests), then run the job again."
        default: "See the response above."
        }
    }
}
