import ConveyorTestSupport
import JSON
import Testing

/// One request/response pair on a route of `/repos/{owner}/{repo}`, for table-driven contract tests.
struct Exchange: Sendable, CustomTestStringConvertible {
    let method: String
    /// The template after `/repos/{owner}/{repo}`, e.g. `/issues/{index}`.
    let route: String
    let request: JSONValue?
    let status: Int
    let response: JSONValue?

    init(_ method: String, _ route: String, request: JSONValue? = nil, status: Int, response: JSONValue? = nil) {
        self.method = method
        self.route = route
        self.request = request
        self.status = status
        self.response = response
    }

    var pathTemplate: String { "/repos/{owner}/{repo}" + route }
    var testDescription: String { "\(method) \(route) → \(status)" }

    /// The violations `contract` finds in this exchange.
    func violations(in contract: OpenAPIContract) throws -> [ContractViolation] {
        try contract.check(method, pathTemplate, request: request, status: status, response: response)
    }
}
