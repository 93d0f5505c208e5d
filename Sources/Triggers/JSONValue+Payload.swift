import Foundation
import JSON

/// How event payloads are read beyond ``JSON/JSONValue``'s exact accessors: leniently, as the forges and the
/// Actions runners write them.
extension JSONValue {
    /// A whole number, from a JSON number without a fraction or from a string of digits (workflow inputs arrive as
    /// either, and Gitea passes every input as a string).
    var wholeNumber: Int? {
        switch self {
        case .integer(let whole):
            return Int(exactly: whole)
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? Int(number) : nil
        case .string(let text):
            return Int(text.trimmingCharacters(in: .whitespaces))
        default:
            return nil
        }
    }

    /// A scalar as text: strings as they are, whole numbers as integers, booleans as `true`/`false`.
    var text: String? {
        switch self {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .integer, .number: return wholeNumber.map(String.init)
        default: return nil
        }
    }
}
