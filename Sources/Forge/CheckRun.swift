import Actions

/// One GitHub check run (`GET /repos/{owner}/{repo}/commits/{ref}/check-runs`): a CI job's result on a commit.
/// Gitea has no check runs; its CI reports commit statuses, so the client reports none there.
public struct CheckRun: Sendable, Hashable, Decodable {
    /// Where a check run is in its life.
    public enum Status: String, Sendable, Hashable, Decodable {
        case queued
        case inProgress = "in_progress"
        case completed
        /// GitHub's newer states (`waiting`, `requested`, `pending`) read as not finished.
        case other

        public init(from decoder: any Decoder) throws {
            self = Status(rawValue: try decoder.singleValueContainer().decode(String.self)) ?? .other
        }
    }

    /// The check run's id.
    public let id: Int
    /// Its name, e.g. `test (ubuntu-latest)`.
    public let name: String
    /// The commit it checked; only runs for the pull request's current head count.
    public let headSHA: String
    /// Whether it has finished.
    public let status: Status
    /// How it ended once ``status`` is `completed` (`success`, `failure`, `neutral`, `cancelled`, `skipped`,
    /// `timed_out`, `action_required`, `stale`); nil before.
    public let conclusion: String?
    /// Where to read its log, when GitHub gives one.
    public let detailsURL: String?
    /// The short summary of its output, when it has one.
    public let summary: String?

    /// Creates a value.
    public init(
        id: Int, name: String, headSHA: String, status: Status, conclusion: String?, detailsURL: String? = nil,
        summary: String? = nil
    ) {
        self.id = id
        self.name = name
        self.headSHA = headSHA
        self.status = status
        self.conclusion = conclusion
        self.detailsURL = detailsURL
        self.summary = summary
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, status, conclusion, output
        case headSHA = "head_sha"
        case detailsURL = "details_url"
        case htmlURL = "html_url"
    }

    private enum OutputKeys: String, CodingKey {
        case title, summary
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        headSHA = try container.decode(String.self, forKey: .headSHA)
        status = try container.decode(Status.self, forKey: .status)
        conclusion = try container.decodeIfPresent(String.self, forKey: .conclusion)
        detailsURL =
            try container.decodeIfPresent(String.self, forKey: .htmlURL)
            ?? container.decodeIfPresent(String.self, forKey: .detailsURL)
        let output = try? container.nestedContainer(keyedBy: OutputKeys.self, forKey: .output)
        summary =
            (try? output?.decodeIfPresent(String.self, forKey: .summary))
            ?? (try? output?.decodeIfPresent(String.self, forKey: .title)) ?? nil
    }

    /// True for a conclusion that passes: `success`, `neutral` and `skipped`.
    public var passed: Bool {
        ["success", "neutral", "skipped"].contains(conclusion ?? "")
    }
}

/// The answer of `GET …/commits/{ref}/check-runs`.
struct CheckRunList: Decodable {
    let totalCount: Int
    let checkRuns: [CheckRun]

    private enum CodingKeys: String, CodingKey {
        case totalCount = "total_count"
        case checkRuns = "check_runs"
    }
}

// MARK: - The client call

extension ForgeClient {
    /// Forges without check runs (Gitea, the local forge) report none.
    public func checkRuns(ref: String) async throws(ForgeError) -> [CheckRun] { [] }
}

extension ForgeREST {
    /// The check runs of `ref`, newest per name (`filter=latest`), first 100; none on Gitea, which has no Checks
    /// API (its CI reports commit statuses).
    func checkRuns(ref: String) async throws(ForgeError) -> [CheckRun] {
        guard kind == .github else { return [] }
        let operation = APIOperation("read the check runs of \(ref)", needs: .readChecks)
        try requireName(ref, "ref", operation)
        return try await get(
            CheckRunList.self, ["commits", ref, "check-runs"], query: [("filter", "latest"), ("per_page", "100")],
            operation
        ).checkRuns
    }
}
