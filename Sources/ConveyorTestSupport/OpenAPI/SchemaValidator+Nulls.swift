import JSON

extension SchemaValidator {
    /// `null` conforms when the schema is nullable, states no type, or has an alternative that takes `null`.
    func nullViolations(of merged: MergedSchema, at location: String) -> [ContractViolation] {
        if merged.isNullable { return [] }
        if merged.types?.contains("null") == true { return [] }
        var found: [ContractViolation] = []
        if let types = merged.types {
            let expected = types.sorted().joined(separator: " or ")
            let owner = merged.name.map { " (`\($0)` is not nullable)" } ?? " (the schema is not nullable)"
            found.append(violation(.notNullable, at: location, "`null` where \(expected) is required\(owner)"))
        }
        for group in merged.alternatives {
            found += alternativeViolations(.null, branches: group, at: location, references: merged.followedReferences)
        }
        return found
    }

    /// True when a `null` field is Gitea's way of leaving out an optional Go pointer, slice, map or time.
    ///
    /// Gitea's Swagger 2 description (go-swagger) never writes `x-nullable`, yet Gitea serialises unset optional
    /// objects, lists and times as `null` (`milestone`, `assignees`, `closed_at`, `pull_request`). So in Swagger 2
    /// documents a field that is not `required` may be `null` when its schema is an object, an array, a `$ref` or
    /// a `date-time`. Strings, numbers and booleans are Go values there and never `null`.
    func mayOmitNull(field: String, schemas: [JSONValue], of parent: MergedSchema) -> Bool {
        guard document.dialect == .swagger2, !parent.required.contains(field) else { return false }
        return schemas.allSatisfy { schema in
            if schema["$ref"] != nil { return true }
            let merged = MergedSchema(schema, in: document)
            let pointerTypes: Set<String> = ["object", "array"]
            return merged.types.map { !$0.isDisjoint(with: pointerTypes) } == true
                || merged.formats.contains("date-time")
        }
    }
}
