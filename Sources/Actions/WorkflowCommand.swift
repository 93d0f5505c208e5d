/// One workflow command: a line on standard output, `::name key=value,…::message`, that the Actions
/// runner turns into a log group, an annotation, a mask or a debug line.
///
/// Escaping follows the runner's decoder (actions/toolkit `command.ts`): in the message `%`, `\r` and
/// `\n` become `%25`, `%0D` and `%0A`, so a multi-line message stays one line; property values also
/// escape `:` and `,` as `%3A` and `%2C`.
///
/// The `add-mask` command carries the secret it masks, as the protocol requires: write it to standard
/// output only, before the value could appear anywhere else.
public struct WorkflowCommand: Sendable, Equatable {
    /// The command name, e.g. `error` or `group`.
    public let name: String
    /// Properties in the order they are written, e.g. `file` and `line` of an annotation.
    public let properties: [Property]
    /// The message after the second `::`, unescaped.
    public let message: String

    /// One `key=value` property.
    public struct Property: Sendable, Equatable {
        /// The property name.
        public let key: String
        /// The value, unescaped.
        public let value: String

        /// Creates a property.
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Creates a command; prefer the static factories.
    public init(name: String, properties: [Property] = [], message: String = "") {
        self.name = name
        self.properties = properties
        self.message = message
    }

    /// The escaped line to write to standard output, without the trailing newline.
    public var line: String {
        var line = "::" + name
        if !properties.isEmpty {
            line += " " + properties.map { "\($0.key)=\(Self.escapeProperty($0.value))" }.joined(separator: ",")
        }
        return line + "::" + Self.escapeData(message)
    }

    /// `text` with every line the runner would read as a command — one whose first non-blank characters are `::`
    /// (`::add-mask::…`, `::error::…`, `::stop-commands::…`) or the legacy `##[` — prefixed with a backslash, so
    /// data printed to the log (a label, a sender's login, an issue title) stays data. Lines are split at `\n`,
    /// `\r` and the Unicode line separators the runner also splits at. Conveyor's own commands are written with
    /// ``line`` and never pass through here.
    public static func neutralized(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var atLineStart = true
        var pending = ""  // blanks at the start of the current line, held until the first non-blank
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if atLineStart {
                if scalar == " " || scalar == "\t" {
                    pending.unicodeScalars.append(scalar)
                    continue
                }
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                let third = index + 2 < scalars.count ? scalars[index + 2] : nil
                if (scalar == ":" && next == ":") || (scalar == "#" && next == "#" && third == "[") {
                    result += "\\"
                }
                result += pending
                pending = ""
                atLineStart = false
            }
            result.unicodeScalars.append(scalar)
            if ["\n", "\r", "\u{2028}", "\u{2029}", "\u{85}"].contains(scalar) {
                atLineStart = true
            }
        }
        return result + pending
    }

    /// Escapes a message: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`.
    public static func escapeData(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Escapes a property value: as ``escapeData(_:)``, plus `:` → `%3A` and `,` → `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingColonsAndCommas()
    }
}

extension String {
    fileprivate func replacingColonsAndCommas() -> String {
        var escaped = ""
        for scalar in unicodeScalars {
            switch scalar {
            case ":": escaped += "%3A"
            case ",": escaped += "%2C"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
