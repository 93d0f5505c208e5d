import Foundation
import JSON

/// Checks HTTP exchanges against one API description: is the route an operation, is the status documented,
/// do the request and response bodies satisfy their schemas.
///
/// ```swift
/// let contract = try OpenAPIContract.gitHub()
/// let violations = contract.check(
///     method: "GET", pathTemplate: "/repos/{owner}/{repo}/issues/{issue_number}",
///     requestBody: nil, status: 200, responseBody: body)
/// #expect(violations.isEmpty, "\(ContractViolation.failureMessage(for: violations, exchange: "GET …"))")
/// ```
public struct OpenAPIContract: Sendable {
    /// The description the checks are made against.
    public let document: OpenAPIDocument
    /// Every operation of the description, sorted by path template then method.
    public let operations: [OpenAPIOperation]

    /// Prepares checks against `document`.
    ///
    /// - Throws: ``OpenAPIError`` when an operation's request or responses cannot be read.
    public init(document: OpenAPIDocument) throws {
        self.document = document
        operations = try document.operations()
    }

    /// The operation with exactly this method (any case) and path template, e.g. `PATCH` and
    /// `/repos/{owner}/{repo}/issues/{index}`; nil when the description has none.
    public func operation(method: String, pathTemplate: String) -> OpenAPIOperation? {
        let wanted = method.uppercased()
        return operations.first { $0.method == wanted && $0.pathTemplate == pathTemplate }
    }

    /// The operation a concrete request path belongs to, e.g. `/repos/o/r/issues/3` or, for Gitea,
    /// `/api/v1/repos/o/r/issues/3` (the base path is optional; a query string is ignored).
    ///
    /// When several templates fit, the most specific wins (literal segments beat parameters, left to right).
    public func operation(method: String, path: String) -> OpenAPIOperation? {
        let wanted = method.uppercased()
        var bare = String(path.prefix { $0 != "?" && $0 != "#" })
        if !document.basePath.isEmpty, bare.hasPrefix(document.basePath + "/") {
            bare.removeFirst(document.basePath.count)
        }
        let candidates = operations.filter { $0.method == wanted && PathTemplate($0.pathTemplate).match(bare) != nil }
        return candidates.min { PathTemplate($0.pathTemplate).isMoreSpecific(than: PathTemplate($1.pathTemplate)) }
    }

    /// A ``ContractViolation/Kind/routeNotInSpec`` violation unless `method` + `pathTemplate` is an operation.
    public func checkRoute(method: String, pathTemplate: String) -> [ContractViolation] {
        guard operation(method: method, pathTemplate: pathTemplate) == nil else { return [] }
        let shape = PathTemplate(pathTemplate).shape
        let sameShape = operations.filter { PathTemplate($0.pathTemplate).shape == shape }
        var message = "\(method.uppercased()) \(pathTemplate) is not an operation of \(document.name)"
        if let sibling = sameShape.first(where: { $0.method == method.uppercased() }) {
            message += "; the description spells the template \(sibling.pathTemplate)"
        } else if !sameShape.isEmpty {
            message += "; that path has only " + sameShape.map(\.method).joined(separator: ", ")
        }
        return [ContractViolation(kind: .routeNotInSpec, message: message)]
    }

    /// Every way one exchange departs from the description; empty when it conforms.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - pathTemplate: the description's template for the route (Gitea's without `/api/v1`).
    ///   - requestBody: the request's body; nil or empty when none was sent.
    ///   - status: the response status.
    ///   - responseBody: the response's body; empty when there was none.
    public func check(
        method: String, pathTemplate: String, requestBody: Data?, status: Int, responseBody: Data
    ) -> [ContractViolation] {
        guard let operation = operation(method: method, pathTemplate: pathTemplate) else {
            return checkRoute(method: method, pathTemplate: pathTemplate)
        }
        var found = requestViolations(requestBody ?? Data(), of: operation)
        guard let (key, response) = operation.response(forStatus: status) else {
            let documented = operation.documentedStatuses.joined(separator: ", ")
            found.append(
                ContractViolation(
                    kind: .statusNotDocumented,
                    message: "\(operation.title) does not document status \(status) (documented: \(documented))"))
            return found
        }
        let validator = SchemaValidator(document: document, kind: .responseBody)
        found += bodyViolations(
            responseBody, schema: response.schema, isRequired: true, validator: validator,
            context: "status \(key) of \(operation.title)")
        return found
    }

    /// Every way `value` breaks the schema at `schemaReference` (e.g. `#/components/schemas/issue` or
    /// `#/definitions/Comment`), reported as violations of `kind`; for payloads that are not an exchange, such as
    /// the objects inside webhook events.
    public func validate(
        _ value: JSONValue, againstSchema schemaReference: String, as kind: ContractViolation.Kind = .responseBody
    ) -> [ContractViolation] {
        SchemaValidator(document: document, kind: kind).validate(value, against: ["$ref": .string(schemaReference)])
    }

    /// Checks a request body against the operation's request schema.
    private func requestViolations(_ body: Data, of operation: OpenAPIOperation) -> [ContractViolation] {
        let validator = SchemaValidator(document: document, kind: .requestBody)
        return bodyViolations(
            body, schema: operation.requestBody?.schema, isRequired: operation.requestBody?.isRequired == true,
            validator: validator, context: operation.title)
    }
}
