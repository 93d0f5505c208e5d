import Foundation

extension LabelCatalog {
    /// The keys and values of `CONVEYOR_VARS`, keyed by upper-cased name; empty when it is unset or empty.
    static func variablesMap(from environment: [String: String]) throws(LabelCatalogError) -> [String: Any] {
        guard let text = nonEmpty(environment[variablesMapName]) else { return [:] }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw LabelCatalogError(
                .malformedVariables, variable: variablesMapName,
                message: "\(variablesMapName) is not valid JSON (\(error.localizedDescription)). Set it to "
                    + "`${{ toJSON(vars) }}` in the workflow's `env:`, or remove it to use per-label variables.")
        }
        guard let object = parsed as? [String: Any] else {
            throw LabelCatalogError(
                .malformedVariables, variable: variablesMapName,
                message: "\(variablesMapName) must be a JSON object of variable names to values, like "
                    + "`${{ toJSON(vars) }}` gives; it is a JSON \(typeName(of: parsed)).")
        }
        var upperCased: [String: Any] = [:]
        for (key, value) in object { upperCased[key.uppercased()] = value }
        return upperCased
    }

    /// The value of `variable` in the map, or nil when it is absent, null or empty.
    static func mapValue(_ map: [String: Any], _ variable: String) throws(LabelCatalogError) -> String? {
        guard let value = map[variable.uppercased()], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw LabelCatalogError(
                .invalidValue, variable: variable,
                message: "\(variable) in \(variablesMapName) must be a string label name; it is a JSON "
                    + "\(typeName(of: value)). Set the repository variable \(variable) to the label's name.")
        }
        return nonEmpty(text)
    }

    /// Fails when two labels ended up with the same name, since a label could then not be routed.
    static func checkUnique(_ entries: [Entry]) throws(LabelCatalogError) {
        var seen: [String: Entry] = [:]
        for entry in entries {
            let key = entry.name.lowercased()
            if let first = seen[key] {
                let firstVariable = first.definition.binding.variable
                let variable = entry.definition.binding.variable
                throw LabelCatalogError(
                    .duplicateName, variable: variable,
                    message: "Labels \(firstVariable) and \(variable) are both named `\(entry.name)`, so Conveyor "
                        + "cannot tell them apart. Give \(variable) (or \(firstVariable)) a different name.")
            }
            seen[key] = entry
        }
    }

    /// `value` without surrounding whitespace, or nil when nothing is left.
    static func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }

    private static func typeName(of value: Any) -> String {
        switch value {
        case is [Any]: "array"
        case is [String: Any]: "object"
        case is String: "string"
        case is NSNumber: "number or boolean"
        default: "value"
        }
    }
}
