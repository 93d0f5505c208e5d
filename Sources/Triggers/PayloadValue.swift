import Foundation

/// A parsed event payload value, read leniently: absent keys and wrong types read as nil, never as errors.
enum PayloadValue: Sendable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PayloadValue])
    case object([String: PayloadValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([PayloadValue].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: PayloadValue].self))
        }
    }

    /// The member `key` of an object; nil for anything else.
    subscript(key: String) -> PayloadValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// True unless the value is JSON `null`.
    var isPresent: Bool {
        if case .null = self { return false }
        return true
    }

    /// A string value.
    var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// A boolean value.
    var bool: Bool? {
        guard case .bool(let flag) = self else { return nil }
        return flag
    }

    /// An array's elements.
    var array: [PayloadValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// A whole number, from a JSON number or from a string of digits (workflow inputs arrive as either).
    var integer: Int? {
        switch self {
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? Int(number) : nil
        case .string(let text):
            return Int(text.trimmingCharacters(in: .whitespaces))
        default:
            return nil
        }
    }

    /// A scalar as text: strings as they are, numbers without a fraction as integers, booleans as `true`/`false`.
    var text: String? {
        switch self {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number: return integer.map(String.init) ?? nil
        default: return nil
        }
    }
}
