extension HTTPError {
    /// The kind of failure. An open set of static constants, so adding one is not a source break.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let rawValue: String

        private init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// The server answered with a status that is not 2xx (see ``HTTPError/status``).
        public static let status = Code("status")
        /// The server rate-limited the request and asked to wait longer than the policy allows,
        /// or kept rate-limiting until the attempts ran out.
        public static let rateLimited = Code("rateLimited")
        /// The connection could not be made or was dropped before a complete response.
        public static let connection = Code("connection")
        /// The connect or total timeout expired.
        public static let timeout = Code("timeout")
        /// The response was larger than the client's `maxResponseSize`.
        public static let responseTooLarge = Code("responseTooLarge")
        /// The response body was not the JSON the caller expected.
        public static let decoding = Code("decoding")
        /// The request could not be sent as given (e.g. not an http(s) URL).
        public static let invalidRequest = Code("invalidRequest")
        /// A paginated listing had more pages than allowed, or a next link pointed elsewhere.
        public static let pagination = Code("pagination")
        /// Any other libcurl failure (TLS, DNS, protocol); see ``HTTPError/transportError``.
        public static let transport = Code("transport")

        public var description: String { rawValue }

        /// Matches an error against a code, so callers can write `catch HTTPError.Code.timeout`.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? HTTPError)?.code == code
        }
    }
}
