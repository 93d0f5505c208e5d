import Pipeline

/// Which documents belong to a work item, which of them are approved, and which required ones are missing: the
/// content of the generated `docs/_docset/issues/issue-<N>.yaml`.
public struct DocSet: Sendable, Hashable {
    /// The version of the file format, written as `docset_version`.
    public static let formatVersion = 1

    /// One document of the work item.
    public struct Entry: Sendable, Hashable {
        /// The path relative to the repository root.
        public let path: String
        /// The document's `doc_id`.
        public let docID: String
        /// The document's `type`.
        public let type: String
        /// The document's `status`.
        public let status: DocumentStatus
        /// The document's `version`, when set.
        public let version: Int?
        /// The document's `stage`, when set.
        public let stage: StageName?
    }

    /// A document a stage requires that is absent, or present with invalid frontmatter.
    public struct Missing: Sendable, Hashable {
        /// The stage that requires it.
        public let stage: StageName
        /// The required `type`.
        public let type: String
        /// Where it must be, relative to the repository root.
        public let path: String
    }

    /// A Markdown file of the work item whose frontmatter was rejected.
    public struct Invalid: Sendable, Hashable {
        /// The path relative to the repository root.
        public let path: String
        /// The line of the first problem.
        public let line: Int
        /// The first problem's message.
        public let problem: String
    }

    /// The work item number.
    public let workItem: Int
    /// The stage the work item has reached: the requirements of this stage and every earlier one apply.
    public let stage: StageName
    /// Every valid document, sorted by path.
    public let documents: [Entry]
    /// Required documents that are not there, in pipeline order.
    public let missing: [Missing]
    /// Files with rejected frontmatter, sorted by path.
    public let invalid: [Invalid]

    /// Creates a docset from its parts.
    init(workItem: Int, stage: StageName, documents: [Entry], missing: [Missing], invalid: [Invalid]) {
        self.workItem = workItem
        self.stage = stage
        self.documents = documents
        self.missing = missing
        self.invalid = invalid
    }

    /// The documents whose status is `approved`.
    public var approved: [Entry] { documents.filter { $0.status == .approved } }

    /// Where the docset of work item `number` is written, e.g. `docs/_docset/issues/issue-12.yaml`.
    public static func path(forWorkItem number: Int) -> String {
        "docs/_docset/issues/issue-\(number).yaml"
    }
}
