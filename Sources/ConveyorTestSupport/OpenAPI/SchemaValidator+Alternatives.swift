import JSON

extension SchemaValidator {
    /// Checks an `anyOf` / `oneOf` group: conforming when any branch accepts `value`.
    ///
    /// When none does, the violations of the closest branch are reported (the branch whose type fits, with the
    /// fewest violations), so a nullable-branch pattern still points at the real field. When no branch even has
    /// the right type, one ``SchemaRule/noAlternativeMatches`` violation lists the types that were possible.
    func alternativeViolations(
        _ value: JSONValue, branches: [JSONValue], at location: String, references: Set<String>
    ) -> [ContractViolation] {
        var closest: [ContractViolation]?
        var possibleTypes: Set<String> = []
        for branch in branches {
            let merged = MergedSchema(branch, in: document, activeReferences: references)
            let found = validate(value, against: branch, at: location, activeReferences: references)
            if found.isEmpty { return [] }
            possibleTypes.formUnion(merged.types ?? ["any"])
            let typeFits =
                (merged.types.map { types in types.contains { value.satisfies(type: $0) } } ?? true)
                || (value == .null && merged.isNullable)
            if typeFits, closest.map({ found.count < $0.count }) ?? true { closest = found }
        }
        if let closest { return closest }
        let expected = possibleTypes.sorted().joined(separator: ", ")
        return [
            violation(
                .noAlternativeMatches, at: location,
                "\(value.typeName) matches none of the \(branches.count) alternatives (types: \(expected))")
        ]
    }
}
