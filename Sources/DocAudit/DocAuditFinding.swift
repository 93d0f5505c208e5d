/// One thing the deterministic doc audit found, located at a line of a file, with what to fix.
public struct DocAuditFinding: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whether a finding fails the audit.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// Fails the audit (`conveyor/doc-audit` goes to `failure`).
        case error
        /// Reported, but the audit still passes: e.g. a document that may be stale.
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    /// What kind of problem it is; the raw value is shown in the comment.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The frontmatter does not parse, or a common key has the wrong type or an unknown `status`.
        case frontmatter
        /// A key the document's `type` requires is missing.
        case missingKey = "missing-key"
        /// A verdict field holds a token outside its rule's pass and fail sets.
        case unknownVerdict = "unknown-verdict"
        /// Two documents share a `doc_id`.
        case duplicateDocID = "duplicate-doc-id"
        /// `supersedes` / `superseded_by` name a missing document or do not agree both ways.
        case supersession
        /// A relative link points at a file that does not exist.
        case brokenLink = "broken-link"
        /// A link's `#anchor` names no heading of its target.
        case brokenAnchor = "broken-anchor"
        /// A generated file (docset, issue map) differs from what Conveyor generates from the same documents.
        case generatedFile = "generated-file"
        /// A document references code this change touches, and the document is unchanged.
        case possiblyStale = "possibly-stale"
    }

    /// What kind of problem it is.
    public let kind: Kind
    /// Error or warning.
    public let severity: Severity
    /// The file, relative to the repository root.
    public let file: String
    /// The 1-based line the finding is about.
    public let line: Int
    /// What is wrong and what to do about it, as full sentences.
    public let message: String

    /// Creates a finding; the severity follows from the kind unless given.
    public init(_ kind: Kind, file: String, line: Int, _ message: String, severity: Severity? = nil) {
        self.kind = kind
        self.severity = severity ?? (kind == .possiblyStale ? .warning : .error)
        self.file = file
        self.line = max(line, 1)
        self.message = message
    }

    /// `file:line: error: message`, the shape compilers and editors understand.
    public var description: String { "\(file):\(line): \(severity.rawValue): \(message)" }

    /// Errors first, then by file and line.
    public static func < (lhs: DocAuditFinding, rhs: DocAuditFinding) -> Bool {
        (lhs.severity == .error ? 0 : 1, lhs.file, lhs.line, lhs.kind.rawValue, lhs.message)
            < (rhs.severity == .error ? 0 : 1, rhs.file, rhs.line, rhs.kind.rawValue, rhs.message)
    }
}

/// What the deterministic audit checked and found.
public struct DocAuditReport: Sendable, Hashable {
    /// Every finding, errors first, then by file and line.
    public let findings: [DocAuditFinding]
    /// How many Markdown files under the docs roots were read.
    public let markdownFiles: Int
    /// How many of them carry frontmatter (the documents whose keys were checked).
    public let documents: Int
    /// How many paths the change touches.
    public let changedPaths: Int

    /// Creates a report; findings are sorted.
    public init(findings: [DocAuditFinding], markdownFiles: Int, documents: Int, changedPaths: Int) {
        self.findings = findings.sorted()
        self.markdownFiles = markdownFiles
        self.documents = documents
        self.changedPaths = changedPaths
    }

    /// The findings that fail the audit.
    public var errors: [DocAuditFinding] { findings.filter { $0.severity == .error } }
    /// The findings that only inform.
    public var warnings: [DocAuditFinding] { findings.filter { $0.severity == .warning } }
    /// True when no finding is an error.
    public var passed: Bool { errors.isEmpty }
}
