import Actions
import Foundation

/// Messages for the job log on standard error, in a form Actions shows as annotations.
enum Diagnostics {
    /// An error annotation: something a person must fix.
    static func error(_ message: String) {
        write("::error::\(escape(message))")
    }

    /// A notice annotation: something worth knowing that is not a failure.
    static func notice(_ message: String) {
        write("::notice::\(escape(message))")
    }

    private static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Escapes the characters workflow commands reserve (`%`, CR, LF) so a message stays one command.
    private static func escape(_ message: String) -> String {
        message.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}

/// Standard output for everything a command prints that is not a workflow command of its own: reports, state
/// listings, summaries. Text from outside (labels, logins, titles, agent output) may hold a line break followed by
/// `::add-mask::` or `::error::`; ``write(_:)`` neutralizes such lines, so the runner never reads them as commands.
enum Console {
    /// Writes `text` and a newline to standard output, with workflow-command lines neutralized
    /// (``WorkflowCommand/neutralized(_:)``).
    static func write(_ text: String) {
        print(WorkflowCommand.neutralized(text))
    }
}
