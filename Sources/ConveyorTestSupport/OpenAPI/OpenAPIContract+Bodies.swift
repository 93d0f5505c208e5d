import Foundation
import JSON

extension OpenAPIContract {
    /// Checks one body: none where none is documented, JSON that satisfies `schema` where one is.
    ///
    /// - Parameters:
    ///   - isRequired: whether an empty body is a violation when a schema exists (always for responses).
    ///   - context: what the body belongs to, for messages (`status 200 of GET /repos/{owner}/{repo}`).
    func bodyViolations(
        _ body: Data, schema: JSONValue?, isRequired: Bool, validator: SchemaValidator, context: String
    ) -> [ContractViolation] {
        let isEmpty = body.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard let schema else {
            guard isEmpty else {
                return [
                    validator.violation(
                        .unexpectedBody, at: "$",
                        "\(context) documents no \(validator.subject) body, but \(body.count) bytes were sent")
                ]
            }
            return []
        }
        if isEmpty {
            guard isRequired else { return [] }
            return [validator.violation(.missingBody, at: "$", "\(context) requires a JSON \(validator.subject) body")]
        }
        guard let value = try? JSONValue(parsing: body) else {
            let preview = String(decoding: body.prefix(120), as: UTF8.self)
            return [validator.violation(.invalidJSON, at: "$", "\(context): the body is not JSON: \(preview)")]
        }
        return validator.validate(value, against: schema)
    }
}
