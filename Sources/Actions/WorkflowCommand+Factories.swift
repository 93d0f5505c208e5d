extension WorkflowCommand {
    /// Where an annotation points, and its title. Every field is optional.
    public struct Annotation: Sendable, Equatable {
        /// The annotation's title.
        public var title: String?
        /// The file, relative to the workspace.
        public var file: String?
        /// The first line (from 1).
        public var line: Int?
        /// The last line.
        public var endLine: Int?
        /// The first column (from 1).
        public var column: Int?
        /// The last column.
        public var endColumn: Int?

        /// Creates an annotation location.
        public init(
            title: String? = nil, file: String? = nil, line: Int? = nil, endLine: Int? = nil, column: Int? = nil,
            endColumn: Int? = nil
        ) {
            self.title = title
            self.file = file
            self.line = line
            self.endLine = endLine
            self.column = column
            self.endColumn = endColumn
        }

        /// The properties in the runner's order: `title`, `file`, `line`, `endLine`, `col`, `endColumn`.
        var properties: [Property] {
            let pairs: [(String, String?)] = [
                ("title", title), ("file", file), ("line", line.map(String.init)),
                ("endLine", endLine.map(String.init)),
                ("col", column.map(String.init)), ("endColumn", endColumn.map(String.init)),
            ]
            return pairs.compactMap { key, value in value.map { Property(key, $0) } }
        }
    }

    /// `::group::title`: starts a collapsible log group (groups do not nest).
    public static func group(_ title: String) -> WorkflowCommand {
        WorkflowCommand(name: "group", message: title)
    }

    /// `::endgroup::`: ends the current log group.
    public static let endGroup = WorkflowCommand(name: "endgroup")

    /// `::add-mask::value`: the runner prints `***` instead of `secret` in all later output.
    public static func addMask(_ secret: Secret) -> WorkflowCommand {
        WorkflowCommand(name: "add-mask", message: secret.reveal())
    }

    /// `::debug::message`: shown only when debug logging is on.
    public static func debug(_ message: String) -> WorkflowCommand {
        WorkflowCommand(name: "debug", message: message)
    }

    /// `::notice …::message`: a notice annotation.
    public static func notice(_ message: String, at annotation: Annotation = Annotation()) -> WorkflowCommand {
        WorkflowCommand(name: "notice", properties: annotation.properties, message: message)
    }

    /// `::warning …::message`: a warning annotation.
    public static func warning(_ message: String, at annotation: Annotation = Annotation()) -> WorkflowCommand {
        WorkflowCommand(name: "warning", properties: annotation.properties, message: message)
    }

    /// `::error …::message`: an error annotation (Gitea prints it as a log line, without annotating).
    public static func error(_ message: String, at annotation: Annotation = Annotation()) -> WorkflowCommand {
        WorkflowCommand(name: "error", properties: annotation.properties, message: message)
    }

    /// `::stop-commands::token`: the runner ignores commands until ``resumeCommands(_:)`` with the same
    /// token; use a fresh random token before echoing untrusted text such as an agent transcript.
    public static func stopCommands(_ token: String) -> WorkflowCommand {
        WorkflowCommand(name: "stop-commands", message: token)
    }

    /// `::token::`: resumes command processing stopped by ``stopCommands(_:)``.
    public static func resumeCommands(_ token: String) -> WorkflowCommand {
        WorkflowCommand(name: token)
    }
}
