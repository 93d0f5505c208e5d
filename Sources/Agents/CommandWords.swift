/// Splits a command line into words with shell-like quoting, and nothing more: no variables, no globbing, no
/// operators. Single quotes keep everything literally; a backslash escapes the next character outside single
/// quotes (inside double quotes too, a simplification of POSIX).
enum CommandWords {
    /// The words of `line`.
    ///
    /// - Throws: ``AgentError/Code/invalidTemplate`` on an unclosed quote or a trailing backslash.
    static func split(_ line: String) throws(AgentError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for character in line {
            if escaping {
                current.append(character)
                escaping = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaping = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, let blank) where blank.isWhitespace:
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaping else {
            throw AgentError(
                code: .invalidTemplate,
                message: "The agent command template has an unclosed quote or a trailing backslash: \(line)")
        }
        if inWord { words.append(current) }
        return words
    }
}
