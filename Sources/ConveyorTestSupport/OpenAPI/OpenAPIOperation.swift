import JSON

/// One method on one path of an API description, reduced to what a contract check needs.
public struct OpenAPIOperation: Sendable {
    /// The JSON body an operation accepts.
    public struct RequestBody: Sendable {
        /// The schema the body must satisfy (may be a `$ref`).
        public let schema: JSONValue
        /// True when the description says a body must be sent.
        public let isRequired: Bool
    }

    /// One documented response.
    public struct Response: Sendable {
        /// The description's one-line summary of the response.
        public let summary: String
        /// The schema of a JSON body, or nil when the response documents no body (it must then be empty).
        public let schema: JSONValue?
    }

    /// The method in upper case, e.g. `GET`.
    public let method: String
    /// The path template as the description writes it, e.g. `/repos/{owner}/{repo}/issues/{index}`.
    public let pathTemplate: String
    /// The description's `operationId`, when it has one.
    public let operationID: String?
    /// The accepted JSON body, or nil when the operation takes none.
    public let requestBody: RequestBody?
    /// The documented responses by key: a status such as `200`, a range such as `2XX`, or `default`.
    public let responses: [String: Response]

    /// `GET /repos/{owner}/{repo}`.
    public var title: String { "\(method) \(pathTemplate)" }

    /// The documented response for `status` and the key it was found under: the exact status, else its range
    /// (`4XX`), else `default`; nil when none applies.
    public func response(forStatus status: Int) -> (key: String, response: Response)? {
        for key in [String(status), "\(status / 100)XX", "\(status / 100)xx", "default"] {
            if let response = responses[key] { return (key, response) }
        }
        return nil
    }

    /// The documented status keys, sorted, e.g. `200, 404, default`.
    public var documentedStatuses: [String] { responses.keys.sorted() }
}
