import Foundation

/// The body of a comment create or edit.
private struct CommentBody: Decodable {
    var body: String
}

extension ForgeState {
    func listComments(_ call: ForgeCall) -> ForgeReply {
        guard let repository = repositories[Self.key(call.owner, call.repo)], repository.issues[call.number] != nil
        else { return call.notFound() }
        let page = ForgePagination.page(repository.comments(onIssue: call.number), for: call, root: root)
        return .json(200, .array(page.items.map { call.renderer.comment($0, in: repository) }), headers: page.headers)
    }

    func createComment(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let body = try call.decodeBody(CommentBody.self).body
        let id = makeID()
        let rendered = withRepository(call.owner, call.repo) { repository -> ForgeJSON? in
            guard repository.issues[call.number] != nil else { return nil }
            let now = Date()
            let comment = ForgeComment(
                id: id, issueNumber: call.number, body: body, author: writerLogin(ownerOfRepository: repository.owner),
                createdAt: now, updatedAt: now)
            repository.comments.append(comment)
            return call.renderer.comment(comment, in: repository)
        }
        guard let rendered = rendered ?? nil else { return call.notFound() }
        return .json(201, rendered)
    }

    func updateComment(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let body = try call.decodeBody(CommentBody.self).body
        let id = call.match.integer("comment_id") ?? call.match.integer("id") ?? 0
        let rendered = withRepository(call.owner, call.repo) { repository -> ForgeJSON? in
            guard let index = repository.comments.firstIndex(where: { $0.id == id }) else { return nil }
            repository.comments[index].body = body
            repository.comments[index].updatedAt = Date()
            return call.renderer.comment(repository.comments[index], in: repository)
        }
        guard let rendered = rendered ?? nil else { return call.notFound() }
        return .json(200, rendered)
    }
}
