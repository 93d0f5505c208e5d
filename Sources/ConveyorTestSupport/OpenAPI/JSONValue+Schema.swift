import JSON

extension JSONValue {
    /// True when this value has the JSON Schema `type`: an integer is also a `number`, and a whole-valued number
    /// is also an `integer`.
    func satisfies(type: String) -> Bool {
        switch (type, self) {
        case ("integer", .integer), ("number", .integer), ("number", .number), ("string", .string),
            ("boolean", .bool), ("array", .array), ("object", .object), ("null", .null):
            true
        case ("integer", .number(let value)):
            value.isFinite && value.rounded() == value
        default:
            false
        }
    }

    /// Equality as JSON means it: `1` equals `1.0`.
    func isEqualAsJSON(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.integer(let whole), .number(let fraction)), (.number(let fraction), .integer(let whole)):
            Double(whole) == fraction
        default:
            self == other
        }
    }

    /// A short rendering for messages: strings quoted, containers summarised.
    var compactText: String {
        switch self {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer(let whole): String(whole)
        case .number(let fraction): String(fraction)
        case .string(let text): "\"\(text)\""
        case .array(let elements): "an array of \(elements.count)"
        case .object(let members): "an object with \(members.count) fields"
        }
    }
}
