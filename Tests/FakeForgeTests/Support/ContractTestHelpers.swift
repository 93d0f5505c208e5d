import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// The two corpus contracts, loaded once for the whole test target.
enum Contracts {
    static let gitHubResult = Result { try OpenAPIContract.gitHub() }
    static let giteaResult = Result { try OpenAPIContract.gitea() }

    static func gitHub() throws -> OpenAPIContract { try gitHubResult.get() }
    static func gitea() throws -> OpenAPIContract { try giteaResult.get() }
}

extension OpenAPIContract {
    /// ``check(method:pathTemplate:requestBody:status:responseBody:)`` with JSON values instead of bytes.
    func check(
        _ method: String, _ pathTemplate: String, request: JSONValue? = nil, status: Int, response: JSONValue?
    ) throws -> [ContractViolation] {
        check(
            method: method, pathTemplate: pathTemplate, requestBody: try request?.jsonData(), status: status,
            responseBody: try response?.jsonData() ?? Data())
    }
}

extension JSONValue {
    /// A copy of this object with `field` set to `value`.
    func setting(_ field: String, to value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[field] = value
        return .object(members)
    }

    /// A copy of this object without `field`.
    func removing(_ field: String) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[field] = nil
        return .object(members)
    }
}

extension [ContractViolation] {
    /// `kind/rule location` of each violation, for compact exact comparisons.
    var summaries: [String] {
        map { "\($0.kind)/\($0.rule.map(String.init(describing:)) ?? "-") \($0.location)" }
    }

    /// The failure message for these violations, for `#expect` comments.
    func report(_ exchange: String) -> Comment {
        Comment(rawValue: ContractViolation.failureMessage(for: self, exchange: exchange))
    }
}
