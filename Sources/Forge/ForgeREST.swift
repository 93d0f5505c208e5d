import Actions
import Foundation
import HTTP

/// The REST plumbing under ``ForgeRESTClient`` and ``RepositoryLabels``: URLs under `<api>/repos/{owner}/{repo}`,
/// JSON in and out, pagination, and the conversion of every failure into a ``ForgeError``.
struct ForgeREST: Sendable {
    /// What differs between the forges.
    let dialect: ForgeRESTDialect
    /// The repository every call is about.
    let repository: RepositorySlug
    /// The configured client (authentication, retries, timeouts).
    let http: HTTPClient
    /// `<api>/repos/{owner}/{repo}`, percent-encoded.
    let repositoryURL: String
    /// The API root without a trailing slash, for the few calls outside the repository (`GET /user`).
    let apiRoot: String

    /// The forge, for error messages.
    var kind: ForgeKind { dialect.kind }

    /// Plumbing for `repository` under `apiURL`, authenticated and with headers set per `dialect`.
    init(
        dialect: ForgeRESTDialect, apiURL: URL, repository: RepositorySlug, token: Secret,
        configuration: HTTPClient.Configuration
    ) {
        self.dialect = dialect
        self.repository = repository
        http = HTTPClient(configuration: dialect.httpConfiguration(token: token, base: configuration))
        var base = apiURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        apiRoot = base
        repositoryURL = "\(base)/repos/\(URLText.encode(repository.owner))/\(URLText.encode(repository.name))"
    }

    // MARK: - Requests

    /// Decodes the JSON answer to a `GET`.
    func get<T: Decodable>(
        _ type: T.Type, _ segments: [String], query: [(String, String)] = [], _ operation: APIOperation
    ) async throws(ForgeError) -> T {
        try await perform(operation) {
            try await http.json(type, HTTPRequest(url: try url(segments, query: query)))
        }
    }

    /// Every item of a list, following pages per `paging`.
    func list<T: Decodable>(
        _ type: T.Type, _ segments: [String], query: [(String, String)] = [], paging: PaginationDialect,
        pageSize: Int?, _ operation: APIOperation
    ) async throws(ForgeError) -> [T] {
        try await perform(operation) {
            let first = HTTPRequest(url: try url(segments, query: query))
            return try await http.paginate(type, first, dialect: paging, pageSize: pageSize)
        }
    }

    /// Every item of a repository-level list (pull requests, repository labels), paged the dialect's way.
    func list<T: Decodable>(
        _ type: T.Type, _ segments: [String], query: [(String, String)] = [], _ operation: APIOperation
    ) async throws(ForgeError) -> [T] {
        try await list(
            type, segments, query: query, paging: dialect.paging, pageSize: dialect.pageSize, operation)
    }

    /// Sends `body` as JSON and decodes the JSON answer.
    func send<T: Decodable>(
        _ method: HTTPMethod, _ segments: [String], body: some Encodable, decoding type: T.Type,
        _ operation: APIOperation
    ) async throws(ForgeError) -> T {
        try await perform(operation) {
            try await http.json(type, try jsonRequest(method, segments, body: body))
        }
    }

    /// Sends `body` as JSON and ignores the answer's body. Returns the status.
    @discardableResult
    func send(_ method: HTTPMethod, _ segments: [String], body: some Encodable, _ operation: APIOperation)
        async throws(ForgeError) -> Int
    {
        try await perform(operation) {
            try await http.send(try jsonRequest(method, segments, body: body)).status
        }
    }

    /// Sends a `DELETE`; the statuses in `tolerated` count as success (e.g. 404 for removing what is
    /// already gone). Returns the final status.
    @discardableResult
    func delete(_ segments: [String], tolerating tolerated: Set<Int> = [], _ operation: APIOperation)
        async throws(ForgeError) -> Int
    {
        try await perform(operation) {
            do {
                return try await http.send(HTTPRequest(method: .delete, url: try url(segments, method: .delete))).status
            } catch let error as HTTPError where error.code == .status && tolerated.contains(error.status ?? 0) {
                return error.status ?? 0
            }
        }
    }

    // MARK: - Building

    /// `<repository URL>/<segments…>?<query>`, every part percent-encoded.
    func url(_ segments: [String], query: [(String, String)] = [], method: HTTPMethod = .get) throws(HTTPError) -> URL {
        var text = repositoryURL + segments.map { "/" + URLText.encode($0) }.joined()
        if !query.isEmpty {
            text += "?" + query.map { "\(URLText.encode($0.0))=\(URLText.encode($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw HTTPError(
                code: .invalidRequest, method: method, path: "/" + segments.joined(separator: "/"), attempts: 0,
                detail: "The API URL and these names do not form a valid URL.")
        }
        return url
    }

    private func jsonRequest(_ method: HTTPMethod, _ segments: [String], body: some Encodable) throws -> HTTPRequest {
        HTTPRequest(
            method: method, url: try url(segments, method: method), headers: ["Content-Type": "application/json"],
            body: try JSONEncoder().encode(body))
    }
}
