import JSON

/// A schema with its `$ref`s followed and its `allOf` branches folded into one set of constraints.
///
/// Folding `allOf` is what lets unknown-field checks be strict: the fields declared by every branch count as
/// declared. `anyOf` / `oneOf` groups are kept apart in ``alternatives``, one list of branches per group.
struct MergedSchema {
    /// What `additionalProperties` says about fields the schema does not declare.
    enum ExtraFields {
        /// Not stated: undeclared fields are violations whenever the schema describes objects.
        case unspecified
        /// `additionalProperties: true` (or `{}`): anything goes.
        case allowed
        /// `additionalProperties: false`.
        case forbidden
        /// `additionalProperties: {schema}`: each extra field must satisfy the schemas.
        case schemas([JSONValue])
    }

    /// The component name or `title` of the schema, for messages (`issue`, `Comment`).
    var name: String?
    /// The allowed JSON types, nil when any type is allowed.
    var types: Set<String>?
    /// True when `nullable` / `x-nullable` allows `null`.
    var isNullable = false
    /// True when the schema says anything about objects, so undeclared fields are checked.
    var describesObjects = false
    /// The declared fields and the schemas each must satisfy.
    var properties: [String: [JSONValue]] = [:]
    /// Fields that must be present.
    var required: Set<String> = []
    /// What happens to undeclared fields.
    var extraFields = ExtraFields.unspecified
    /// Schemas every array element must satisfy.
    var items: [JSONValue] = []
    /// Lists of allowed values; the value must be in each list.
    var enumerations: [[JSONValue]] = []
    /// `anyOf` / `oneOf` groups; in each group at least one branch must accept the value.
    var alternatives: [[JSONValue]] = []
    /// The `format` keywords seen (`date-time`, `int64`, …).
    var formats: Set<String> = []
    /// References followed while merging, so alternatives can detect a loop back to them.
    var followedReferences: Set<String> = []
    /// Why part of the schema could not be followed.
    var problems: [String] = []

    /// Merges `node` (and every `$ref` / `allOf` branch under it) using `document` to resolve references.
    ///
    /// `activeReferences` are references already being expanded at the same JSON location; meeting one again
    /// is a loop, recorded in ``problems`` instead of recursing forever.
    init(_ node: JSONValue, in document: OpenAPIDocument, activeReferences: Set<String> = []) {
        followedReferences = activeReferences
        merge(node, in: document)
    }

    private mutating func merge(_ node: JSONValue, in document: OpenAPIDocument) {
        if let reference = node["$ref"]?.stringValue {
            guard !followedReferences.contains(reference) else {
                problems.append("`$ref` \(reference) refers back to itself at this location")
                return
            }
            followedReferences.insert(reference)
            do {
                let target = try document.resolveReference(reference)
                if name == nil { name = reference.split(separator: "/").last.map(String.init) }
                merge(target, in: document)
            } catch {
                problems.append("\(error)")
            }
            return
        }
        guard let keywords = node.objectValue else { return }
        if name == nil { name = keywords["title"]?.stringValue }
        mergeScalarKeywords(keywords)
        mergeObjectKeywords(keywords)
        if let itemSchema = keywords["items"] { items.append(itemSchema) }
        for branch in keywords["allOf"]?.arrayValue ?? [] { merge(branch, in: document) }
        for group in ["anyOf", "oneOf"] {
            if let branches = keywords[group]?.arrayValue, !branches.isEmpty { alternatives.append(branches) }
        }
    }

    private mutating func mergeScalarKeywords(_ keywords: [String: JSONValue]) {
        let declared: Set<String>? =
            switch keywords["type"] {
            case .string(let single): [single]
            case .array(let several): Set(several.compactMap(\.stringValue))
            default: nil
            }
        if let declared { types = types.map { $0.intersection(declared) } ?? declared }
        if keywords["nullable"]?.boolValue == true || keywords["x-nullable"]?.boolValue == true { isNullable = true }
        if let values = keywords["enum"]?.arrayValue { enumerations.append(values) }
        if let format = keywords["format"]?.stringValue { formats.insert(format) }
    }

    private mutating func mergeObjectKeywords(_ keywords: [String: JSONValue]) {
        if let declared = keywords["properties"]?.objectValue {
            describesObjects = true
            for (field, schema) in declared { properties[field, default: []].append(schema) }
        }
        if types?.contains("object") == true { describesObjects = true }
        for field in keywords["required"]?.arrayValue ?? [] {
            if let field = field.stringValue { required.insert(field) }
        }
        switch keywords["additionalProperties"] {
        case nil:
            break
        case .bool(false):
            describesObjects = true
            extraFields = .forbidden
        case .bool(true), .object([:]):
            if case .unspecified = extraFields { extraFields = .allowed }
        case .some(let schema):
            switch extraFields {
            case .forbidden: break
            case .schemas(let earlier): extraFields = .schemas(earlier + [schema])
            default: extraFields = .schemas([schema])
            }
        }
    }
}
