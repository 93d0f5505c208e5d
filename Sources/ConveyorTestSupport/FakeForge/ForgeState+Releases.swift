import Foundation

/// `POST …/issues`: both forges require `title`; labels are added afterwards by name (Gitea's create takes ids).
private struct IssueCreation: Decodable {
    let title: String
    let body: String?
}

/// `POST …/milestones`: `title` required on both forges.
private struct MilestoneCreation: Decodable {
    let title: String
    let description: String?
    let state: String?
}

extension ForgeState {
    /// The issue, milestone and tag routes the release train and the heartbeat use.
    func handleRelease(_ call: ForgeCall, in repository: ForgeRepository) throws(ForgeBadRequest) -> ForgeReply {
        switch call.match.route.operation {
        case .listIssues: return listIssues(call, in: repository)
        case .createIssue: return try createIssue(call)
        case .listMilestones:
            let state = call.request.query["state"] ?? "open"
            let kept = repository.milestones.filter { state == "all" || $0.state == state }
            let page = ForgePagination.page(kept, for: call, root: root)
            return .json(
                200, .array(page.items.map { call.renderer.milestone($0, in: repository) }), headers: page.headers)
        case .createMilestone: return try createMilestone(call)
        default:
            let page = ForgePagination.page(repository.tags, for: call, root: root)
            return .json(200, .array(page.items.map { call.renderer.tag($0, in: repository) }), headers: page.headers)
        }
    }

    /// Open (or `state`) issues, filtered by comma-separated label names (all must be on the issue); GitHub lists
    /// pull requests too, Gitea only when `type` is not `issues`.
    private func listIssues(_ call: ForgeCall, in repository: ForgeRepository) -> ForgeReply {
        let query = call.request.query
        let state = query["state"] ?? "open"
        let wanted = (query["labels"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let issuesOnly = call.dialect == .gitea && query["type"] == "issues"
        let descending = call.dialect == .gitea || query["direction"] != "asc"
        let matching = repository.issues.values.filter { issue in
            (state == "all" || issue.state == state) && !(issuesOnly && issue.pull != nil)
                && wanted.allSatisfy { name in
                    repository.labels(withIDs: issue.labelIDs).contains {
                        $0.name.caseInsensitiveCompare(name) == .orderedSame
                    }
                }
        }.sorted { descending ? $0.number > $1.number : $0.number < $1.number }
        let page = ForgePagination.page(matching, for: call, root: root)
        return .json(200, .array(page.items.map { call.renderer.issue($0, in: repository) }), headers: page.headers)
    }

    private func createIssue(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let body = try call.decodeBody(IssueCreation.self)
        guard !body.title.isEmpty else { throw ForgeBadRequest(message: "title is required") }
        let id = makeID()
        let author = repositories[Self.key(call.owner, call.repo)].map { writerLogin(ownerOfRepository: $0.owner) }
        let rendered = withRepository(call.owner, call.repo) { repository -> ForgeJSON in
            let number = repository.nextNumber
            repository.nextNumber += 1
            let now = Date()
            let issue = ForgeIssue(
                number: number, id: id, title: body.title, body: body.body, state: "open", labelIDs: [],
                author: author ?? repository.owner, createdAt: now, updatedAt: now, pull: nil)
            repository.issues[number] = issue
            return call.renderer.issue(issue, in: repository)
        }
        guard let rendered else { return call.notFound() }
        return .json(201, rendered)
    }

    private func createMilestone(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let body = try call.decodeBody(MilestoneCreation.self)
        guard !body.title.isEmpty else { throw ForgeBadRequest(message: "title is required") }
        let id = makeID()
        let rendered = withRepository(call.owner, call.repo) { repository -> ForgeJSON in
            let now = Date()
            let milestone = ForgeMilestone(
                id: id, number: repository.milestones.count + 1, title: body.title, description: body.description,
                state: body.state ?? "open", createdAt: now)
            repository.milestones.append(milestone)
            return call.renderer.milestone(milestone, in: repository)
        }
        guard let rendered else { return call.notFound() }
        return .json(201, rendered)
    }

    // MARK: - Seeding

    func seedTag(owner: String, repo: String, name: String) {
        withRepository(owner, repo) { repository in
            repository.tags.insert(ForgeTag(name: name, sha: ForgeFormat.sha(for: "tag:" + name)), at: 0)
        }
    }

    func seedMilestone(owner: String, repo: String, title: String) {
        let id = makeID()
        withRepository(owner, repo) { repository in
            repository.milestones.append(
                ForgeMilestone(
                    id: id, number: repository.milestones.count + 1, title: title, description: nil, state: "open",
                    createdAt: Date()))
        }
    }

    func milestones(owner: String, repo: String) -> [ForgeMilestone] {
        repositories[Self.key(owner, repo)]?.milestones ?? []
    }
}

/// A milestone held by the fake forge.
public struct ForgeMilestone: Sendable, Equatable {
    /// The database id (Gitea's only identifier).
    public let id: Int
    /// GitHub's per-repository number, from 1.
    public let number: Int
    /// The title.
    public let title: String
    /// The description, nil when none.
    public let description: String?
    /// `open` or `closed`.
    public let state: String
    /// When it was created.
    public let createdAt: Date
}

/// A tag held by the fake forge.
public struct ForgeTag: Sendable, Equatable {
    /// The tag name, e.g. `v2.7.0`.
    public let name: String
    /// The tagged commit.
    public let sha: String
}

extension FakeForge {
    /// Adds the tag `name` to `repository` (the forge's first repository when nil), newest first.
    public func seedTag(_ name: String, repository: String? = nil) async {
        await state.seedTag(owner: owner, repo: repository ?? repo, name: name)
    }

    /// Adds an open milestone titled `title` to `repository` (the forge's first repository when nil).
    public func seedMilestone(_ title: String, repository: String? = nil) async {
        await state.seedMilestone(owner: owner, repo: repository ?? repo, title: title)
    }

    /// Creates a second repository `owner/name` on the forge (same owner; nothing happens when it exists).
    public func addRepository(_ name: String) async {
        await state.ensureRepository(owner: owner, name: name)
    }

    /// The milestones of `repository` (the forge's first repository when nil), oldest first.
    public func milestones(repository: String? = nil) async -> [ForgeMilestone] {
        await state.milestones(owner: owner, repo: repository ?? repo)
    }
}

extension GitHubRenderer {
    /// `milestone`.
    func milestone(_ milestone: ForgeMilestone, in repository: ForgeRepository) -> ForgeJSON {
        let api = "\(root)/repos/\(repository.fullName)/milestones/\(milestone.number)"
        return .object([
            ("url", .string(api)), ("html_url", .string("\(root)/\(repository.fullName)/milestone/\(milestone.number)")),
            ("labels_url", .string("\(api)/labels")), ("id", .int(milestone.id)),
            ("node_id", .string(ForgeFormat.nodeID("MI", milestone.id))), ("number", .int(milestone.number)),
            ("state", .string(milestone.state)), ("title", .string(milestone.title)),
            ("description", .optional(milestone.description)), ("creator", user(repository.owner)),
            ("open_issues", 0), ("closed_issues", 0),
            ("created_at", .string(ForgeFormat.timestamp(milestone.createdAt))),
            ("updated_at", .string(ForgeFormat.timestamp(milestone.createdAt))),
            ("closed_at", nil), ("due_on", nil),
        ])
    }

    /// `tag`.
    func tag(_ tag: ForgeTag, in repository: ForgeRepository) -> ForgeJSON {
        let api = "\(root)/repos/\(repository.fullName)"
        return .object([
            ("name", .string(tag.name)),
            ("commit", .object([("sha", .string(tag.sha)), ("url", .string("\(api)/commits/\(tag.sha)"))])),
            ("zipball_url", .string("\(api)/zipball/\(tag.name)")),
            ("tarball_url", .string("\(api)/tarball/\(tag.name)")),
            ("node_id", .string(ForgeFormat.nodeID("REF", tag.name.count))),
        ])
    }
}

extension GiteaRenderer {
    /// `Milestone`.
    func milestone(_ milestone: ForgeMilestone, in repository: ForgeRepository) -> ForgeJSON {
        .object([
            ("id", .int(milestone.id)), ("title", .string(milestone.title)),
            ("description", .string(milestone.description ?? "")), ("state", .string(milestone.state)),
            ("open_issues", 0), ("closed_issues", 0),
            ("created_at", .string(ForgeFormat.timestamp(milestone.createdAt))),
            ("updated_at", .string(ForgeFormat.timestamp(milestone.createdAt))),
        ])
    }

    /// `Tag`.
    func tag(_ tag: ForgeTag, in repository: ForgeRepository) -> ForgeJSON {
        let web = "\(root)/\(repository.fullName)"
        return .object([
            ("name", .string(tag.name)), ("message", .string(tag.name)), ("id", .string(tag.sha)),
            (
                "commit",
                .object([
                    ("sha", .string(tag.sha)), ("url", .string("\(api)/repos/\(repository.fullName)/git/commits/\(tag.sha)")),
                    ("created", .string(ForgeFormat.timestamp(Date(timeIntervalSince1970: 1_700_000_000)))),
                ])
            ),
            ("zipball_url", .string("\(web)/archive/\(tag.name).zip")),
            ("tarball_url", .string("\(web)/archive/\(tag.name).tar.gz")),
        ])
    }
}
