import Foundation

/// The fake forge's memory: repositories and their issues, comments, labels, pull requests,
/// statuses, permissions and dispatches, plus the injected faults and the exchange recording.
actor ForgeState {
    /// The token every request must present as `Bearer <token>` or `token <token>`.
    let token: String
    /// `http://127.0.0.1:<port>`, set once the server listens.
    var root = "http://127.0.0.1"
    var repositories: [String: ForgeRepository] = [:]
    var faults = FaultQueue()
    var recorded: [RecordedExchange] = []
    var connections: Set<String> = []
    var requestCounts: [ForgeRoute: Int] = [:]
    var authorizations: [String] = []
    /// Who the token acts as; nil for the repository's owner.
    var tokenIdentity: ForgeTokenIdentity?
    private var nextID = 1_000

    init(token: String) {
        self.token = token
    }

    func setRoot(_ root: String) {
        self.root = root
    }

    /// A fresh database id, unique across every kind of object.
    func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// The renderer for `dialect` at this forge's address.
    func renderer(_ dialect: ForgeDialect) -> any ForgeRenderer {
        switch dialect {
        case .github: GitHubRenderer(root: root)
        case .gitea: GiteaRenderer(root: root)
        }
    }

    static func key(_ owner: String, _ name: String) -> String {
        "\(owner)/\(name)".lowercased()
    }

    /// Creates the repository if it does not exist.
    func ensureRepository(owner: String, name: String) {
        let key = Self.key(owner, name)
        if repositories[key] == nil {
            repositories[key] = ForgeRepository(id: makeID(), owner: owner, name: name)
        }
    }

    /// Runs `change` on the stored repository; nil when there is none of that name.
    func withRepository<T>(_ owner: String, _ name: String, _ change: (inout ForgeRepository) throws -> T) rethrows
        -> T?
    {
        let key = Self.key(owner, name)
        guard var repository = repositories[key] else { return nil }
        defer { repositories[key] = repository }
        return try change(&repository)
    }
}
