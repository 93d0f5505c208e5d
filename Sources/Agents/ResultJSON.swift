import Foundation

/// A parsed JSON value that keeps booleans, whole numbers and fractions apart, so `"is_error": 1` is not taken for
/// `true` and `"num_turns": true` is not taken for 1.
enum ResultJSON: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([ResultJSON])
    case object([String: ResultJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let whole = try? container.decode(Int.self) {
            self = .integer(whole)
        } else if let fraction = try? container.decode(Double.self) {
            self = .number(fraction)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([ResultJSON].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: ResultJSON].self))
        }
    }

    /// Parses `text` as one JSON value, or returns nil when it is not JSON.
    static func parse(_ text: some StringProtocol) -> ResultJSON? {
        try? JSONDecoder().decode(ResultJSON.self, from: Data(text.utf8))
    }

    /// The member `key` of an object, else nil.
    subscript(key: String) -> ResultJSON? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    /// The members of an object, else nil.
    var objectValue: [String: ResultJSON]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// The elements of an array, else nil.
    var arrayValue: [ResultJSON]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The text of a string, else nil.
    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The flag of a boolean, else nil.
    var bool: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    /// A whole number, else nil.
    var integer: Int? {
        if case .integer(let whole) = self { whole } else { nil }
    }

    /// Any number as a `Double`, else nil.
    var double: Double? {
        switch self {
        case .integer(let whole): Double(whole)
        case .number(let fraction): fraction
        default: nil
        }
    }
}
