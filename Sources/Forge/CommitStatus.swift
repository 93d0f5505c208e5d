/// One commit status, as posted for a SHA.
public struct CommitStatus: Sendable, Hashable, Decodable {
    /// The status's id.
    public let id: Int
    /// Its state.
    public let state: CommitStatusState
    /// The context that names the check, e.g. `conveyor/review`.
    public let context: String
    /// The short description; empty when none.
    public let description: String
    /// The link to details, when given (an empty link is nil).
    public let targetURL: String?

    /// Creates a value.
    public init(id: Int, state: CommitStatusState, context: String, description: String, targetURL: String?) {
        self.id = id
        self.state = state
        self.context = context
        self.description = description
        self.targetURL = targetURL
    }

    private enum CodingKeys: String, CodingKey {
        case id, state, status, context, description
        case targetURL = "target_url"
    }

    /// Decodes both forges' status JSON: GitHub names the state `state`, Gitea `status`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        state =
            try container.decodeIfPresent(CommitStatusState.self, forKey: .state)
            ?? container.decode(CommitStatusState.self, forKey: .status)
        context = try container.decodeIfPresent(String.self, forKey: .context) ?? "default"
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        let target = try container.decodeIfPresent(String.self, forKey: .targetURL)
        targetURL = target?.isEmpty == false ? target : nil
    }
}

/// A commit status to post.
public struct NewCommitStatus: Sendable, Hashable {
    /// The longest description both forges accept; longer ones are cut, ending in `…`.
    public static let maxDescriptionLength = 140

    /// The state; on GitHub ``CommitStatusState/gitHubEquivalent`` is sent.
    public var state: CommitStatusState
    /// The context that names the check; a later status with the same context replaces this one.
    public var context: String
    /// A short description.
    public var description: String
    /// A link to details.
    public var targetURL: String?

    /// Creates a value.
    public init(state: CommitStatusState, context: String, description: String = "", targetURL: String? = nil) {
        self.state = state
        self.context = context
        self.description = description
        self.targetURL = targetURL
    }

    /// The JSON body for `forgeState`, with the description cut to ``maxDescriptionLength``.
    func body(sending forgeState: CommitStatusState) -> StatusCreation {
        let cut =
            description.count > Self.maxDescriptionLength
            ? String(description.prefix(Self.maxDescriptionLength - 1)) + "…" : description
        return StatusCreation(state: forgeState, context: context, description: cut, targetURL: targetURL)
    }
}

/// The JSON body of `POST …/statuses/{sha}`.
struct StatusCreation: Encodable {
    let state: CommitStatusState
    let context: String
    let description: String
    let targetURL: String?

    private enum CodingKeys: String, CodingKey {
        case state, context, description
        case targetURL = "target_url"
    }
}
