import Pipeline

/// The YAML block at the top of an artifact, with the common keys of design §4 typed and every other key kept as a
/// ``YAMLValue``.
///
/// ```yaml
/// ---
/// doc_id: BRF-12
/// type: brief
/// status: draft            # draft | in-review | approved | superseded | abandoned | obsolete
/// owner_role: pm
/// stage: intake
/// work_item: 12
/// related_issues: [12]
/// related_prs: []
/// version: 1
/// supersedes: BRF-11       # doc_id of the version this one replaces
/// superseded_by: null      # doc_id of the version that replaced this one
/// generated_by: {agent: claude, model: some-model, run_id: "1234-1"}
/// title: Add sign-in       # any other key is kept as is
/// ---
/// ```
///
/// `doc_id`, `type` and `status` are needed to read a document at all; which other keys a stage requires is the
/// gate's business (``ArtifactRequirement/requiredKeys``).
public struct Frontmatter: Sendable, Hashable {
    /// The common keys in the order the writer puts them; other keys follow in alphabetical order.
    public static let commonKeyOrder = [
        "doc_id", "type", "status", "owner_role", "stage", "work_item", "related_issues", "related_prs", "version",
        "supersedes", "superseded_by", "generated_by",
    ]

    /// The keys without which a file is not a readable document.
    public static let identityKeys = ["doc_id", "type", "status"]

    /// The document's stable identifier, e.g. `BRF-12`.
    public var docID: String
    /// The document type, e.g. `brief`.
    public var type: String
    /// Where the document is in its life.
    public var status: DocumentStatus
    /// The role that owns the document, e.g. `pm`.
    public var ownerRole: String?
    /// The stage that produced the document.
    public var stage: StageName?
    /// The work item (issue number) the document belongs to.
    public var workItem: Int?
    /// Issue numbers the document relates to; nil when the key is absent.
    public var relatedIssues: [Int]?
    /// Pull request numbers the document relates to; nil when the key is absent.
    public var relatedPRs: [Int]?
    /// The document's version, counting from 1.
    public var version: Int?
    /// The `doc_id` of the version this document replaces.
    public var supersedes: String?
    /// The `doc_id` of the version that replaced this document.
    public var supersededBy: String?
    /// The agent, model and run that wrote the document.
    public var generatedBy: GeneratedBy?
    /// Every key outside ``commonKeyOrder``, e.g. `title`, `verdict`, `questions`.
    public var extra: [String: YAMLValue]

    /// Creates frontmatter from its values.
    public init(
        docID: String, type: String, status: DocumentStatus, ownerRole: String? = nil, stage: StageName? = nil,
        workItem: Int? = nil, relatedIssues: [Int]? = nil, relatedPRs: [Int]? = nil, version: Int? = nil,
        supersedes: String? = nil, supersededBy: String? = nil, generatedBy: GeneratedBy? = nil,
        extra: [String: YAMLValue] = [:]
    ) {
        self.docID = docID
        self.type = type
        self.status = status
        self.ownerRole = ownerRole
        self.stage = stage
        self.workItem = workItem
        self.relatedIssues = relatedIssues
        self.relatedPRs = relatedPRs
        self.version = version
        self.supersedes = supersedes
        self.supersededBy = supersededBy
        self.generatedBy = generatedBy
        self.extra = extra
    }

    /// The value of `key`, common or extra, as YAML data; nil when the key is absent or null.
    ///
    /// Verdict fields (`verdict`, `result`, `status`) are read through this, so a verdict is always a frontmatter
    /// value and never prose.
    public func value(forKey key: String) -> YAMLValue? {
        let value = entries.first { $0.key == key }?.value
        return value?.isNull == true ? nil : value
    }

    /// True when `key` is present with a non-null value.
    public func hasValue(forKey key: String) -> Bool {
        value(forKey: key) != nil
    }

    /// Every key with a value, common keys first in ``commonKeyOrder``, then the rest sorted by key.
    public var entries: [YAMLValue.Entry] {
        var common: [YAMLValue.Entry] = [
            .init(key: "doc_id", value: .string(docID)),
            .init(key: "type", value: .string(type)),
            .init(key: "status", value: .string(status.rawValue)),
        ]
        let optional: [(String, YAMLValue?)] = [
            ("owner_role", ownerRole.map(YAMLValue.string)),
            ("stage", stage.map { .string($0.rawValue) }),
            ("work_item", workItem.map(YAMLValue.int)),
            ("related_issues", relatedIssues.map { .sequence($0.map(YAMLValue.int)) }),
            ("related_prs", relatedPRs.map { .sequence($0.map(YAMLValue.int)) }),
            ("version", version.map(YAMLValue.int)),
            ("supersedes", supersedes.map(YAMLValue.string)),
            ("superseded_by", supersededBy.map(YAMLValue.string)),
            ("generated_by", generatedBy.map(\.value)),
        ]
        common += optional.compactMap { key, value in value.map { YAMLValue.Entry(key: key, value: $0) } }
        let others = extra.keys.sorted().filter { !Self.commonKeyOrder.contains($0) }.compactMap { key in
            extra[key].map { YAMLValue.Entry(key: key, value: $0) }
        }
        return common + others
    }
}

extension GeneratedBy {
    /// The `generated_by` mapping, without the parts that are unknown.
    var value: YAMLValue {
        var entries = [YAMLValue.Entry(key: "agent", value: .string(agent))]
        if let model { entries.append(.init(key: "model", value: .string(model))) }
        if let runID { entries.append(.init(key: "run_id", value: .string(runID))) }
        return .mapping(entries)
    }
}
