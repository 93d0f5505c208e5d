/// The combined status of a commit: one overall state and the latest status per context.
public struct CombinedStatus: Sendable, Hashable, Decodable {
    /// The overall state, as the forge computes it.
    public let state: CommitStatusState
    /// The commit it is for.
    public let sha: String
    /// The latest status of each context.
    public let statuses: [CommitStatus]

    /// Creates a value.
    public init(state: CommitStatusState, sha: String, statuses: [CommitStatus]) {
        self.state = state
        self.sha = sha
        self.statuses = statuses
    }

    /// The latest status with this context, if any.
    public func status(forContext context: String) -> CommitStatus? {
        statuses.first { $0.context == context }
    }

    private enum CodingKeys: String, CodingKey {
        case state, sha, statuses
    }

    /// Decodes both forges' combined status JSON. An empty state (Gitea, for a commit without statuses)
    /// is pending; missing statuses are none; other fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let stateName = try container.decode(String.self, forKey: .state)
        if stateName.isEmpty {
            state = .pending
        } else if let state = CommitStatusState(rawValue: stateName) {
            self.state = state
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container, debugDescription: "Unknown combined state \"\(stateName)\".")
        }
        sha = try container.decodeIfPresent(String.self, forKey: .sha) ?? ""
        statuses = try container.decodeIfPresent([CommitStatus].self, forKey: .statuses) ?? []
    }
}
