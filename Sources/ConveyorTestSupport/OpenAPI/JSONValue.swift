import Foundation

/// A parsed JSON document, kept exact enough to check it against a schema.
///
/// Integers and fractional numbers stay apart (`3` is ``integer(_:)``, `3.5` is ``number(_:)``), and
/// booleans never turn into numbers, which `JSONSerialization`'s `NSNumber` would blur.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; key order is not kept.
    case object([String: JSONValue])

    /// Parses `data` as one JSON value (top-level scalars allowed).
    public init(parsing data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The JSON type name as JSON Schema spells it: `null`, `boolean`, `integer`, `number`, `string`, `array`,
    /// `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The members when this is an object, else nil.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// The elements when this is an array, else nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The text when this is a string, else nil.
    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The flag when this is a boolean, else nil.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    /// The member named `key` when this is an object that has it, else nil.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The value at a `/`-separated JSON pointer path (without the leading `#`), unescaping `~1` and `~0`.
    ///
    /// Array elements are addressed by decimal index. Returns nil when any step is missing.
    public func value(atPointer pointer: String) -> JSONValue? {
        var node = self
        for token in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members[key] else { return nil }
                node = next
            case .array(let elements):
                guard let index = Int(key), elements.indices.contains(index) else { return nil }
                node = elements[index]
            default:
                return nil
            }
        }
        return node
    }
}
