import Foundation

/// `POST …/pulls` (both dialects).
private struct PullCreation: Decodable {
    var title: String?
    var head: String
    var base: String
    var body: String?
    var draft: Bool?
}

/// `PATCH …/pulls/{n}` (both dialects).
private struct PullUpdate: Decodable {
    var title: String?
    var body: String?
    var state: String?
    var base: String?
}

extension ForgeState {
    func listPulls(_ call: ForgeCall) -> ForgeReply {
        guard let repository = repositories[Self.key(call.owner, call.repo)] else { return call.notFound() }
        let wanted = call.request.query["state"] ?? "open"
        let pulls = repository.issues.values.filter { $0.pull != nil && (wanted == "all" || $0.state == wanted) }
            .sorted { $0.number > $1.number }
        let page = ForgePagination.page(pulls, for: call, root: root)
        let rendered = page.items.map { call.renderer.pull($0, in: repository, listed: true) }
        return .json(200, .array(rendered), headers: page.headers)
    }

    func createPull(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let creation = try call.decodeBody(PullCreation.self)
        guard !creation.head.isEmpty, !creation.base.isEmpty, creation.head != creation.base else {
            throw ForgeBadRequest(message: "head and base must be two different branches")
        }
        if let repository = repositories[Self.key(call.owner, call.repo)],
            repository.issues.values.contains(where: {
                $0.state == "open" && $0.pull?.head == creation.head && $0.pull?.base == creation.base
            })
        {
            return Self.pullAlreadyExists(head: "\(call.owner):\(creation.head)", dialect: call.dialect)
        }
        let id = makeID()
        let rendered = withRepository(call.owner, call.repo) { repository -> ForgeJSON in
            let number = repository.nextNumber
            repository.nextNumber += 1
            let now = Date()
            let pull = ForgePull(
                number: number, head: creation.head, base: creation.base,
                headSHA: ForgeFormat.sha(for: creation.head), merged: false, draft: creation.draft ?? false)
            let issue = ForgeIssue(
                number: number, id: id, title: creation.title ?? creation.head, body: creation.body, state: "open",
                labelIDs: [], author: repository.owner, createdAt: now, updatedAt: now, pull: pull)
            repository.issues[number] = issue
            return call.renderer.pull(issue, in: repository, listed: false)
        }
        guard let rendered else { return call.notFound() }
        return .json(201, rendered)
    }

    /// What each forge answers to a second open pull request between the same branches: GitHub 422 "Validation
    /// Failed" with "A pull request already exists for owner:branch.", Gitea 409 with "pull request already
    /// exists for these targets".
    static func pullAlreadyExists(head: String, dialect: ForgeDialect) -> ForgeReply {
        switch dialect {
        case .github:
            .json(
                422,
                .object([
                    ("message", "Validation Failed"),
                    (
                        "errors",
                        .array([
                            .object([
                                ("resource", "PullRequest"), ("code", "custom"),
                                ("message", .string("A pull request already exists for \(head).")),
                            ])
                        ])
                    ),
                    ("documentation_url", "https://docs.github.com/rest/pulls/pulls#create-a-pull-request"),
                ]))
        case .gitea:
            .error(409, "pull request already exists for these targets", dialect: .gitea)
        }
    }

    func getPull(_ call: ForgeCall) -> ForgeReply {
        guard let repository = repositories[Self.key(call.owner, call.repo)],
            let issue = repository.issues[call.number], issue.pull != nil
        else { return call.notFound() }
        return .json(200, call.renderer.pull(issue, in: repository, listed: false))
    }

    func updatePull(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let update = try call.decodeBody(PullUpdate.self)
        if let state = update.state, !["open", "closed"].contains(state) {
            throw ForgeBadRequest(message: "state must be open or closed")
        }
        let rendered = withRepository(call.owner, call.repo) { repository -> ForgeJSON? in
            guard var issue = repository.issues[call.number], issue.pull != nil else { return nil }
            issue.title = update.title ?? issue.title
            issue.body = update.body ?? issue.body
            issue.state = update.state ?? issue.state
            if let base = update.base { issue.pull?.base = base }
            issue.updatedAt = Date()
            repository.issues[call.number] = issue
            return call.renderer.pull(issue, in: repository, listed: false)
        }
        guard let rendered = rendered ?? nil else { return call.notFound() }
        return .json(call.updatedStatus, rendered)
    }
}
