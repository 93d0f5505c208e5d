import Foundation

/// One authorised request on a matched route, with what its handler needs.
struct ForgeCall: Sendable {
    let request: ForgeRequest
    let match: MatchedRoute
    let renderer: any ForgeRenderer

    var dialect: ForgeDialect { match.route.dialect }
    var owner: String { match["owner"] }
    var repo: String { match["repo"] }

    /// The issue or pull request number (`issue_number`, `pull_number` or Gitea's `index`).
    var number: Int {
        match.integer("issue_number") ?? match.integer("pull_number") ?? match.integer("index") ?? 0
    }

    /// The status for a successful update: GitHub answers 200, Gitea 201.
    var updatedStatus: Int { dialect == .github ? 200 : 201 }

    /// `404 Not Found` in the dialect's shape.
    func notFound() -> ForgeReply {
        .error(404, "Not Found", dialect: dialect)
    }

    /// Decodes the JSON body.
    func decodeBody<T: Decodable>(_ type: T.Type) throws(ForgeBadRequest) -> T {
        do {
            return try JSONDecoder().decode(type, from: request.body ?? Data())
        } catch {
            throw ForgeBadRequest(message: "Invalid request body for \(match.route.operation.rawValue)")
        }
    }
}
