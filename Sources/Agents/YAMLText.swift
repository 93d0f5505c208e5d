/// Writes YAML scalars for frontmatter Conveyor generates itself.
enum YAMLText {
    /// `value` as a plain scalar when that is unambiguous, else double-quoted with JSON-style escapes.
    ///
    /// Plain means: letters, digits and `._/-`, not starting with `-` or `.`, and not a word YAML reads as
    /// something else (`null`, `true`, `no`, `~`, a number…).
    static func scalar(_ value: String) -> String {
        let plainCharacters = value.unicodeScalars.allSatisfy { scalar in
            (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || "._/-".unicodeScalars.contains(scalar)
        }
        let reserved: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"]
        let looksNumeric = value.first.map { $0.isNumber } ?? false
        if !value.isEmpty, plainCharacters, !reserved.contains(value.lowercased()), !looksNumeric,
            !value.hasPrefix("-"), !value.hasPrefix(".")
        {
            return value
        }
        return quoted(value)
    }

    /// `value` in double quotes, with `"`, `\` and control characters escaped.
    static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    text += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
