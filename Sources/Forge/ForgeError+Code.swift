import HTTP

extension ForgeError {
    /// The kind of failure. An open set of static constants, so adding one is not a source break.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let rawValue: String

        private init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// The forge rejected the token (HTTP 401): missing, mistyped, expired or revoked.
        public static let unauthorized = Code("unauthorized")
        /// The token lacks a permission or scope the operation needs (HTTP 403 that is not a rate limit).
        public static let forbidden = Code("forbidden")
        /// The repository, issue, pull request, comment or workflow does not exist (HTTP 404/410), or
        /// the token cannot see it.
        public static let notFound = Code("notFound")
        /// The forge refused the request as invalid (HTTP 409, 422 or another 4xx).
        public static let rejected = Code("rejected")
        /// The rate limit is exhausted and the wait it asked for was too long, or kept recurring.
        public static let rateLimited = Code("rateLimited")
        /// The forge could not be reached, timed out, or kept answering 5xx until the retries ran out.
        public static let unavailable = Code("unavailable")
        /// The forge answered with something the client cannot read (not the expected JSON, too large,
        /// too many pages).
        public static let invalidResponse = Code("invalidResponse")
        /// The request could not be built from the arguments given (e.g. an empty name).
        public static let invalidRequest = Code("invalidRequest")
        /// The task was cancelled before the call finished.
        public static let cancelled = Code("cancelled")

        public var description: String { rawValue }

        /// Matches an error against a code, so callers can write `catch ForgeError.Code.notFound`.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? ForgeError)?.code == code
        }

        /// The code for a failure of the HTTP layer.
        static func classifying(_ error: HTTPError) -> Code {
            switch error.code {
            case .status:
                switch error.status ?? 0 {
                case 401: .unauthorized
                case 403: .forbidden
                case 404, 410: .notFound
                case 500...599: .unavailable
                default: .rejected
                }
            case .rateLimited: .rateLimited
            case .connection, .timeout, .transport: .unavailable
            case .invalidRequest: .invalidRequest
            default: .invalidResponse
            }
        }
    }
}
