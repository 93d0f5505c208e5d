/// One way an HTTP exchange departs from the API description.
public struct ContractViolation: Sendable, Hashable, CustomStringConvertible {
    /// Which part of the exchange is wrong; an open set.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        /// The method and path template are not an operation of the description.
        public static let routeNotInSpec = Kind(name: "routeNotInSpec")
        /// The response status is not documented for the operation (and there is no `default`).
        public static let statusNotDocumented = Kind(name: "statusNotDocumented")
        /// The request body breaks the operation's request schema.
        public static let requestBody = Kind(name: "requestBody")
        /// The response body breaks the schema documented for its status.
        public static let responseBody = Kind(name: "responseBody")

        public var description: String { name }

        /// Lets `case .responseBody` patterns match a violation directly.
        public static func ~= (kind: Kind, violation: ContractViolation) -> Bool {
            violation.kind == kind
        }
    }

    /// Which part of the exchange is wrong.
    public let kind: Kind
    /// Which schema rule was broken, for body violations; nil for route and status violations.
    public let rule: SchemaRule?
    /// Where in the body, as a JSON path (`$`, `$.user.login`, `$.labels[0].name`); `$` for route and status.
    public let location: String
    /// What was found and what the description expects.
    public let message: String

    /// Creates a violation; `rule` is nil for route and status violations.
    public init(kind: Kind, rule: SchemaRule? = nil, location: String = "$", message: String) {
        self.kind = kind
        self.rule = rule
        self.location = location
        self.message = message
    }

    public var description: String {
        let ruleText = rule.map { "/\($0)" } ?? ""
        return "[\(kind)\(ruleText)] \(location): \(message)"
    }

    /// All violations of one exchange as a single test-failure message, one line each, headed by `exchange`
    /// (e.g. `GET /repos/o/r/issues/3 → 200`); `"<exchange>: conforms"` when there are none.
    public static func failureMessage(for violations: [ContractViolation], exchange: String) -> String {
        guard !violations.isEmpty else { return "\(exchange): conforms to the API description." }
        let noun = violations.count == 1 ? "violation" : "violations"
        let lines = violations.map { "  - \($0)" }
        return (["\(exchange): \(violations.count) contract \(noun) of the API description:"] + lines)
            .joined(separator: "\n")
    }
}
