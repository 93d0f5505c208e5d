import JSON

extension OpenAPIDocument {
    /// The HTTP methods a path item may hold, in the order operations are listed.
    static let httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Every operation in `paths`, sorted by path template then method.
    ///
    /// Request and response objects are resolved here (`#/components/responses/…`, `#/responses/…`,
    /// `#/components/requestBodies/…`, `#/parameters/…`); schemas keep their `$ref`s for the validator.
    public func operations() throws -> [OpenAPIOperation] {
        guard let paths = root["paths"]?.objectValue else {
            throw OpenAPIError(code: .malformed, document: name, detail: "`paths` is missing or not an object.")
        }
        var found: [OpenAPIOperation] = []
        for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
            let pathItem = try resolve(item)
            let sharedParameters = pathItem["parameters"]?.arrayValue ?? []
            for method in Self.httpMethods {
                guard let operation = pathItem[method] else { continue }
                found.append(
                    OpenAPIOperation(
                        method: method.uppercased(),
                        pathTemplate: template,
                        operationID: operation["operationId"]?.stringValue,
                        requestBody: try requestBody(of: operation, sharedParameters: sharedParameters),
                        responses: try responses(of: operation, title: "\(method.uppercased()) \(template)")))
            }
        }
        return found
    }

    /// OpenAPI 3: `requestBody.content[json].schema`; Swagger 2: the schema of the `in: body` parameter.
    private func requestBody(of operation: JSONValue, sharedParameters: [JSONValue]) throws
        -> OpenAPIOperation.RequestBody?
    {
        switch dialect {
        case .openAPI3:
            guard let declared = operation["requestBody"] else { return nil }
            let body = try resolve(declared)
            guard let schema = try jsonSchema(inContent: body["content"]) else { return nil }
            return .init(schema: schema, isRequired: body["required"]?.boolValue == true)
        case .swagger2:
            let parameters = try (sharedParameters + (operation["parameters"]?.arrayValue ?? [])).map(resolve)
            guard let body = parameters.first(where: { $0["in"]?.stringValue == "body" }) else { return nil }
            return .init(schema: body["schema"] ?? .object([:]), isRequired: body["required"]?.boolValue == true)
        }
    }

    /// Every documented response of `operation`, resolved.
    private func responses(of operation: JSONValue, title: String) throws -> [String: OpenAPIOperation.Response] {
        guard let declared = operation["responses"]?.objectValue else {
            throw OpenAPIError(code: .malformed, document: name, detail: "\(title) has no `responses` object.")
        }
        var result: [String: OpenAPIOperation.Response] = [:]
        for (key, value) in declared {
            let response = try resolve(value)
            let summary = response["description"]?.stringValue ?? ""
            switch dialect {
            case .openAPI3:
                result[key] = .init(summary: summary, schema: try jsonSchema(inContent: response["content"]))
            case .swagger2:
                result[key] = .init(
                    summary: summary, schema: response["schema"] ?? Self.bodySchema(fromHeaders: response))
            }
        }
        return result
    }

    /// The schema of the JSON media type in an OpenAPI 3 `content` map; nil when there is no content.
    ///
    /// A JSON media type without a schema accepts any JSON (the empty schema).
    private func jsonSchema(inContent content: JSONValue?) throws -> JSONValue? {
        guard let media = content?.objectValue, !media.isEmpty else { return nil }
        let jsonKey =
            media["application/json"] != nil
            ? "application/json" : media.keys.sorted().first { $0.lowercased().contains("json") }
        guard let jsonKey, let entry = media[jsonKey] else {
            let types = media.keys.sorted().joined(separator: ", ")
            throw OpenAPIError(
                code: .malformed, document: name, detail: "only JSON bodies can be checked; found media types \(types)."
            )
        }
        return entry["schema"] ?? .object([:])
    }

    /// Gitea's go-swagger output documents the fields of its JSON error body (`APIError`: `message`, `url`)
    /// as response `headers`; those become the properties of an object body. Nil when there are no headers.
    private static func bodySchema(fromHeaders response: JSONValue) -> JSONValue? {
        guard let headers = response["headers"]?.objectValue, !headers.isEmpty else { return nil }
        return .object(["type": .string("object"), "properties": .object(headers)])
    }
}
