import Foundation

/// A JSON document built in code, serialised with its object keys in the order written.
///
/// The fake forge builds every response with it, so each response carries exactly the fields
/// listed for it (and tests and diffs see a stable key order).
enum ForgeJSON: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([ForgeJSON])
    case object([(String, ForgeJSON)])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: ForgeJSON...) { self = .array(elements) }
    init(nilLiteral: ()) { self = .null }

    /// A string, or `null` when `value` is nil.
    static func optional(_ value: String?) -> ForgeJSON {
        value.map(ForgeJSON.string) ?? .null
    }

    /// The UTF-8 JSON text.
    var data: Data { Data(serialized.utf8) }

    /// The JSON text, without insignificant whitespace.
    var serialized: String {
        switch self {
        case .string(let text): Self.quote(text)
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array(let items): "[" + items.map(\.serialized).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.map { Self.quote($0.0) + ":" + $0.1.serialized }.joined(separator: ",") + "}"
        }
    }

    /// This object with `other`'s members appended; non-objects are returned unchanged.
    func merging(_ other: ForgeJSON) -> ForgeJSON {
        guard case .object(let mine) = self, case .object(let theirs) = other else { return self }
        return .object(mine + theirs)
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
