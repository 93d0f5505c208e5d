/// What `PRAGMA integrity_check` and `PRAGMA foreign_key_check` found in a state database.
public struct IntegrityReport: Sendable, Equatable, CustomStringConvertible {
    /// One problem found by a check.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// Which check found the problem.
        public enum Kind: String, Sendable, Equatable {
            /// The file's b-trees, pages or indexes (`PRAGMA integrity_check`).
            case structure
            /// A row whose parent row is missing (`PRAGMA foreign_key_check`).
            case foreignKey
        }

        /// Which check found the problem.
        public let kind: Kind
        /// SQLite's report, or a sentence naming the table, row and missing parent.
        public let detail: String

        /// Creates a problem.
        public init(kind: Kind, detail: String) {
            self.kind = kind
            self.detail = detail
        }

        public var description: String { "\(kind.rawValue): \(detail)" }
    }

    /// Every problem found, structural ones first; empty when the database is sound.
    public let problems: [Problem]

    /// Creates a report.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// True when neither check found a problem.
    public var isOK: Bool { problems.isEmpty }

    public var description: String {
        guard !isOK else { return "integrity check: ok" }
        let lines = problems.map { "- \($0)" }.joined(separator: "\n")
        return "integrity check: \(problems.count) problem(s)\n\(lines)"
    }
}
