import Foundation
import Pipeline

/// Reads a comment command from the first word of a comment body, and from nothing else.
enum CommentCommand {
    /// The commands and their argument shapes, for messages.
    static let usage =
        "`/approve`, `/revise <what to change>`, `/rethink <stage>`, `/abort`, `/choose <n>`, `/answer <text>`"

    /// The result of reading a body: an operation with its mode and the command word, or a skip.
    enum Reading: Equatable {
        case command(TriggerOperation, RunMode, word: String)
        case rejected(SkipCode, String)
    }

    /// Reads `body`; only its first whitespace-separated word can be a command, so a command quoted (`> /approve`)
    /// or inside a code block (a first line of ```) is never read. The argument of `/revise` and `/answer` is the
    /// rest of the comment; of `/rethink` and `/choose`, the next word.
    static func read(_ body: String) -> Reading {
        let text = body.drop { $0.isWhitespace }
        let word = String(text.prefix { !$0.isWhitespace })
        let rest = text.dropFirst(word.count).trimmingCharacters(in: .whitespacesAndNewlines)
        guard word.hasPrefix("/") else {
            return .rejected(
                .notACommand,
                "The comment does not start with a command; commands are read only from the first word: \(usage).")
        }
        switch word.lowercased() {
        case "/approve": return .command(.approve, .run, word: word)
        case "/abort": return .command(.abort, .run, word: word)
        case "/revise": return revise(rest, word: word)
        case "/rethink": return rethink(firstWord(of: rest), word: word)
        case "/choose": return choose(firstWord(of: rest), word: word)
        case "/answer": return answer(rest, word: word)
        default:
            return .rejected(.unknownCommand, "`\(word)` is not a Conveyor command. Commands: \(usage).")
        }
    }

    private static func revise(_ text: String, word: String) -> Reading {
        guard !text.isEmpty else {
            return .rejected(
                .invalidCommand,
                "`\(word)` needs the changes to make after it, e.g. `/revise shorten the brief`; the rest of the "
                    + "comment, over several lines if needed, is the text.")
        }
        return .command(.revise(text), .revise, word: word)
    }

    private static func answer(_ text: String, word: String) -> Reading {
        guard !text.isEmpty else {
            return .rejected(
                .invalidCommand,
                "`\(word)` needs the answer after it, e.g. `/answer A4 and Letter`; the rest of the comment is the text."
            )
        }
        return .command(.answer(text), .revise, word: word)
    }

    private static func rethink(_ target: String?, word: String) -> Reading {
        guard let target, let stage = StageName(rawValue: target.lowercased()) else {
            let given = target.map { "`\($0)` is not a stage" } ?? "no stage was given"
            return .rejected(
                .invalidCommand,
                "`\(word)` needs the stage to go back to, and \(given). Stages: \(StageName.allNamesList).")
        }
        return .command(.rethink(to: stage), .run, word: word)
    }

    private static func choose(_ option: String?, word: String) -> Reading {
        guard let option, let number = Int(option), number >= 1 else {
            let given = option.map { "`\($0)` is not" } ?? "no number was given, and it must be"
            return .rejected(
                .invalidCommand, "`\(word)` needs an option number: \(given) a whole number of 1 or more.")
        }
        return .command(.choose(number), .run, word: word)
    }

    private static func firstWord(of text: String) -> String? {
        let word = text.prefix { !$0.isWhitespace }
        return word.isEmpty ? nil : String(word)
    }
}
