extension HTTPClient {
    /// Everything the client applies to every request.
    ///
    /// Printing a configuration never shows ``authorization``.
    public struct Configuration: Sendable, CustomStringConvertible, CustomReflectable {
        /// The longest wait for a TCP/TLS connection, per attempt.
        public var connectTimeout: Duration
        /// The longest a whole attempt (connect, send, receive) may take.
        public var totalTimeout: Duration
        /// When and how patiently to retry.
        public var retry: RetryPolicy
        /// The `User-Agent` header value.
        public var userAgent: String
        /// The `Authorization` header value sent with every request (`Bearer …` or `token …`);
        /// a request's own `Authorization` header replaces it.
        public var authorization: String?
        /// Headers sent with every request; a request's own header of the same name replaces one.
        public var defaultHeaders: HTTPHeaders
        /// The largest response body accepted, in bytes; larger ones fail with `responseTooLarge`.
        public var maxResponseSize: Int

        /// Creates a configuration; every value has a default suitable for a forge REST API.
        public init(
            connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(60),
            retry: RetryPolicy = .standard, userAgent: String = "conveyor", authorization: String? = nil,
            defaultHeaders: HTTPHeaders = [:], maxResponseSize: Int = 32 << 20
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.retry = retry
            self.userAgent = userAgent
            self.authorization = authorization
            self.defaultHeaders = defaultHeaders
            self.maxResponseSize = maxResponseSize
        }

        public var description: String {
            "HTTPClient.Configuration(connectTimeout: \(connectTimeout), totalTimeout: \(totalTimeout), "
                + "retry: \(retry), userAgent: \(userAgent), "
                + "authorization: \(authorization == nil ? "none" : "[redacted]"), "
                + "defaultHeaders: \(defaultHeaders), maxResponseSize: \(maxResponseSize))"
        }

        /// Shows the redacted ``description`` to `dump` and debuggers.
        public var customMirror: Mirror {
            Mirror(self, children: ["configuration": description])
        }
    }
}
