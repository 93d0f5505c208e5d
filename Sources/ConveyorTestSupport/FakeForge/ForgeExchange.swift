import Foundation

/// A request as the forge's logic sees it, independent of the HTTP server library.
struct ForgeRequest: Sendable {
    let method: String
    /// The percent-encoded path, without query.
    let path: String
    /// Query parameters (decoded); the first value wins.
    let query: [String: String]
    /// The `Authorization` header, if sent.
    let authorization: String?
    /// The body; nil when empty.
    let body: Data?
    /// The client's `address:port`, which identifies its connection.
    let connection: String?
}

/// What the forge answers.
enum ForgeOutcome: Sendable {
    /// A normal HTTP response.
    case reply(ForgeReply)
    /// Close the connection without a response.
    case drop
}

/// An HTTP response in the forge's terms.
struct ForgeReply: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: Data = Data()

    /// A JSON response.
    static func json(_ status: Int, _ document: ForgeJSON, headers: [(String, String)] = []) -> ForgeReply {
        ForgeReply(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers,
            body: document.data)
    }

    /// An empty `204 No Content`.
    static let noContent = ForgeReply(status: 204)

    /// An error in the dialect's usual shape.
    ///
    /// Gitea's description documents its `404` (`#/responses/notFound`) without a body, so the fake
    /// sends none there (real Gitea sends a small JSON object; clients must not rely on either).
    static func error(_ status: Int, _ message: String, dialect: ForgeDialect) -> ForgeReply {
        switch dialect {
        case .github:
            .json(
                status, .object([("message", .string(message)), ("documentation_url", "https://docs.github.com/rest")]))
        case .gitea where status == 404:
            ForgeReply(status: status)
        case .gitea:
            .json(status, .object([("message", .string(message)), ("url", "https://docs.gitea.com/api/")]))
        }
    }
}

/// A request body that did not decode; answered with 422.
struct ForgeBadRequest: Error {
    let message: String
}
