import Foundation

/// A parsed JSON value, kept exact: what event payloads, agent output lines and the test support's schema checks
/// are read as.
///
/// Integers and fractional numbers stay apart (`3` is ``integer(_:)``, `3.5` is ``number(_:)``), and booleans never
/// turn into numbers, which `JSONSerialization`'s `NSNumber` would blur: `"is_error": 1` is not `true`, and
/// `"num_turns": true` is not 1. The accessors (``stringValue``, ``integerValue``, …) return nil for any other
/// kind, so a payload or a line of agent output is read leniently without a decoding error.
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

    /// Parses `text` as one JSON value, or returns nil when it is not JSON.
    public static func parse(_ text: some StringProtocol) -> JSONValue? {
        try? JSONValue(parsing: Data(text.utf8))
    }

    /// True unless the value is JSON `null`.
    public var isPresent: Bool {
        if case .null = self { false } else { true }
    }

    /// A whole number that fits in `Int`, else nil (fractions, even `3.0`, are not whole numbers here).
    public var integerValue: Int? {
        if case .integer(let whole) = self { Int(exactly: whole) } else { nil }
    }

    /// Any number as a `Double`, else nil.
    public var doubleValue: Double? {
        switch self {
        case .integer(let whole): Double(whole)
        case .number(let fraction): fraction
        default: nil
        }
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
