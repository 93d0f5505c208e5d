import Foundation

/// Fields of an issue update (`PATCH …/issues/{n}`) both dialects accept.
private struct IssueUpdate: Decodable {
    var title: String?
    var body: String?
    var state: String?
}

extension ForgeState {
    func getIssue(_ call: ForgeCall) -> ForgeReply {
        guard let repository = repositories[Self.key(call.owner, call.repo)],
            let issue = repository.issues[call.number]
        else { return call.notFound() }
        return .json(200, call.renderer.issue(issue, in: repository))
    }

    func updateIssue(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let update = try call.decodeBody(IssueUpdate.self)
        if let state = update.state, !["open", "closed"].contains(state) {
            throw ForgeBadRequest(message: "state must be open or closed")
        }
        let rendered = withRepository(call.owner, call.repo) { repository -> ForgeJSON? in
            guard var issue = repository.issues[call.number] else { return nil }
            issue.title = update.title ?? issue.title
            issue.body = update.body ?? issue.body
            issue.state = update.state ?? issue.state
            issue.updatedAt = Date()
            repository.issues[call.number] = issue
            return call.renderer.issue(issue, in: repository)
        }
        guard let rendered = rendered ?? nil else { return call.notFound() }
        return .json(call.updatedStatus, rendered)
    }
}
