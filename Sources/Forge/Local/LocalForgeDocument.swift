import Foundation

/// The whole state of a ``LocalForge``: one JSON file that every process using the forge reads and
/// rewrites, and that a person can read to see what a run did.
///
/// Issues and pull requests share one numbering, as on GitHub: every number has an entry in
/// ``issues`` (title, body, state, author, labels), and a pull request also has an entry in
/// ``pullRequests`` with its branches and merge state, so a title or state is stored once and the
/// two can never disagree. ``events`` is an append-only log of every change.
///
/// The file is written pretty-printed with sorted keys, so the same changes give the same bytes and
/// two runs diff line by line.
public struct LocalForgeDocument: Sendable, Hashable, Codable {
    /// The value of ``format`` this version reads and writes.
    public static let currentFormat = "conveyor-local-forge/1"

    /// The file format and its version, ``currentFormat``.
    public internal(set) var format: String
    /// The repository the forge holds.
    public internal(set) var repository: RepositoryEntry
    /// Every issue and the issue side of every pull request, by number.
    public internal(set) var issues: [IssueEntry]
    /// Every comment, oldest first.
    public internal(set) var comments: [CommentEntry]
    /// The repository's labels, in the order they were created.
    public internal(set) var labels: [LabelEntry]
    /// The branches and merge state of every pull request.
    public internal(set) var pullRequests: [PullRequestEntry]
    /// The tip commit of each branch pushed so far (see ``LocalForge/recordPush(branch:sha:)``).
    public internal(set) var branches: [String: String]
    /// Every commit status posted, oldest first.
    public internal(set) var statuses: [StatusEntry]
    /// Every workflow dispatch requested, oldest first.
    public internal(set) var dispatches: [DispatchEntry]
    /// Each collaborator's permission name (``PermissionLevel/rawValue``) by login.
    public internal(set) var permissions: [String: String]
    /// The last number and ids handed out.
    public internal(set) var counters: Counters
    /// Every change, oldest first.
    public internal(set) var events: [Event]
    /// The repository's milestones, oldest first; nil in files written before milestones were kept.
    public internal(set) var milestones: [MilestoneEntry]?
    /// The repository's tags: name → commit SHA; nil in files written before tags were kept.
    public internal(set) var tags: [String: String]?

    /// An empty forge for `repository`, with only the `created` event.
    init(repository: RepositoryEntry, createdAt date: Date) {
        format = Self.currentFormat
        self.repository = repository
        issues = []
        comments = []
        labels = []
        pullRequests = []
        branches = [:]
        statuses = []
        dispatches = []
        permissions = [:]
        counters = Counters()
        events = []
        log(
            "forge.created", "\(repository.owner)/\(repository.name), default branch \(repository.defaultBranch)",
            at: date)
    }

    private enum CodingKeys: String, CodingKey {
        case format, repository, issues, comments, labels, branches, statuses, dispatches, permissions, counters
        case events, milestones, tags
        case pullRequests = "pull_requests"
    }

    /// Appends an event to the log.
    mutating func log(_ action: String, _ detail: String, at date: Date) {
        events.append(Event(at: date, action: action, detail: detail))
    }
}
