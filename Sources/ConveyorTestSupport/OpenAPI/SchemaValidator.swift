import JSON

/// Checks a JSON value against a schema of an API description and lists every departure.
///
/// Supported: `$ref`, `type` (a JSON integer satisfies `number`; `integer` needs a whole number), `nullable`,
/// `x-nullable`, `enum`, `properties`, `required`, `additionalProperties`, `items`, `allOf` (merged), `anyOf` /
/// `oneOf` (at least one branch must accept). Other keywords (`format`, `minItems`, `pattern` …) are ignored.
///
/// Undeclared object fields are violations unless `additionalProperties` allows them: a fake server must not
/// invent fields the real API does not document. Each level checks undeclared fields against its own
/// (`allOf`-merged) declarations; an `anyOf` / `oneOf` branch does not see the fields declared beside it. The corpus
/// subsets only mix `properties` with branches whose `additionalProperties` is `true` (check runs), where this is exact.
struct SchemaValidator {
    /// Resolves the schema's references.
    let document: OpenAPIDocument
    /// Whether the value is a request or a response body; it becomes the violations' kind.
    let kind: ContractViolation.Kind

    /// `request` or `response`, for messages.
    var subject: String { kind == .requestBody ? "request" : "response" }

    /// Every way `value` breaks `schema`; empty when it conforms.
    func validate(_ value: JSONValue, against schema: JSONValue) -> [ContractViolation] {
        validate(value, against: schema, at: "$", activeReferences: [])
    }

    /// Checks one value at `location`; `activeReferences` are the references already expanded at this location.
    func validate(
        _ value: JSONValue, against schema: JSONValue, at location: String, activeReferences: Set<String>
    ) -> [ContractViolation] {
        let merged = MergedSchema(schema, in: document, activeReferences: activeReferences)
        var found = merged.problems.map { violation(.unusableSchema, at: location, $0) }
        if value == .null {
            return found + nullViolations(of: merged, at: location)
        }
        if let types = merged.types, !types.contains(where: { value.satisfies(type: $0) }) {
            let expected = types.sorted().joined(separator: " or ")
            return found + [violation(.typeMismatch, at: location, "expected \(expected), found \(value.typeName)")]
        }
        for allowed in merged.enumerations where !allowed.contains(where: value.isEqualAsJSON) {
            let list = allowed.map(\.compactText).joined(separator: ", ")
            found.append(violation(.enumMismatch, at: location, "\(value.compactText) is not one of \(list)"))
        }
        switch value {
        case .object(let members):
            found += objectViolations(members, of: merged, at: location)
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                for itemSchema in merged.items {
                    found += validate(element, against: itemSchema, at: "\(location)[\(index)]", activeReferences: [])
                }
            }
        default:
            break
        }
        for group in merged.alternatives {
            found += alternativeViolations(value, branches: group, at: location, references: merged.followedReferences)
        }
        return found
    }

    /// Missing required fields, declared fields that break their schema, and undeclared fields.
    private func objectViolations(
        _ members: [String: JSONValue], of merged: MergedSchema, at location: String
    ) -> [ContractViolation] {
        var found: [ContractViolation] = []
        let schemaName = merged.name.map { "schema `\($0)`" } ?? "the schema"
        for field in merged.required.sorted() where members[field] == nil {
            found.append(
                violation(
                    .missingRequiredField, at: location.appending(field: field),
                    "required \(subject) field `\(field)` is missing (\(schemaName))"))
        }
        for (field, member) in members.sorted(by: { $0.key < $1.key }) {
            let fieldLocation = location.appending(field: field)
            if let schemas = merged.properties[field] {
                if member == .null, mayOmitNull(field: field, schemas: schemas, of: merged) { continue }
                for schema in schemas {
                    found += validate(member, against: schema, at: fieldLocation, activeReferences: [])
                }
                continue
            }
            switch merged.extraFields {
            case .allowed:
                continue
            case .schemas(let schemas):
                for schema in schemas {
                    found += validate(member, against: schema, at: fieldLocation, activeReferences: [])
                }
            case .unspecified where !merged.describesObjects:
                continue
            case .unspecified, .forbidden:
                found.append(
                    violation(.unknownField, at: fieldLocation, "\(subject) field `\(field)` is not in \(schemaName)"))
            }
        }
        return found
    }

    /// A violation of `rule` at `location`, with this validator's kind.
    func violation(_ rule: SchemaRule, at location: String, _ message: String) -> ContractViolation {
        ContractViolation(kind: kind, rule: rule, location: location, message: message)
    }
}

extension String {
    /// `$.user` + `login` → `$.user.login`; names that are not plain identifiers are quoted: `$["repo.code"]`.
    fileprivate func appending(field: String) -> String {
        let plain =
            field.first.map { $0.isLetter || $0 == "_" } == true
            && field.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return plain ? "\(self).\(field)" : "\(self)[\"\(field)\"]"
    }
}
