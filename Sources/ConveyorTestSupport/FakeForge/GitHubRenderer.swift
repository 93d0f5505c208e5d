import Foundation

/// Renders records as GitHub REST JSON (schemas of `openapi/github-subset.json`).
/// The API and the web pages share the fake forge's root URL, as on GitHub Enterprise.
struct GitHubRenderer: ForgeRenderer {
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    let root: String

    /// `simple-user`.
    func user(_ login: String) -> ForgeJSON {
        let api = "\(root)/users/\(login)"
        let id = ForgeFormat.userID(login)
        return .object([
            ("login", .string(login)), ("id", .int(id)), ("node_id", .string(ForgeFormat.nodeID("U", id))),
            ("avatar_url", .string("\(root)/avatars/u/\(id)?v=4")), ("gravatar_id", ""),
            ("url", .string(api)), ("html_url", .string("\(root)/\(login)")),
            ("followers_url", .string("\(api)/followers")),
            ("following_url", .string("\(api)/following{/other_user}")),
            ("gists_url", .string("\(api)/gists{/gist_id}")),
            ("starred_url", .string("\(api)/starred{/owner}{/repo}")),
            ("subscriptions_url", .string("\(api)/subscriptions")),
            ("organizations_url", .string("\(api)/orgs")), ("repos_url", .string("\(api)/repos")),
            ("events_url", .string("\(api)/events{/privacy}")),
            ("received_events_url", .string("\(api)/received_events")),
            ("type", login.hasSuffix("[bot]") ? "Bot" : "User"), ("site_admin", false),
        ])
    }

    func repository(_ repository: ForgeRepository) -> ForgeJSON {
        repositoryCore(repository).merging(
            .object([
                ("permissions", tokenPermissions(repository.tokenAccess)),
                ("network_count", 0), ("subscribers_count", 1),
            ]))
    }

    /// The required fields of `repository` (also valid as `minimal-repository` and as the
    /// inline repository of a pull request's head and base).
    func repositoryCore(_ repository: ForgeRepository) -> ForgeJSON {
        let api = "\(root)/repos/\(repository.fullName)"
        let html = "\(root)/\(repository.fullName)"
        let templates: [(String, String)] = [
            ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"),
            ("blobs_url", "/git/blobs{/sha}"), ("branches_url", "/branches{/branch}"),
            ("collaborators_url", "/collaborators{/collaborator}"), ("comments_url", "/comments{/number}"),
            ("commits_url", "/commits{/sha}"), ("compare_url", "/compare/{base}...{head}"),
            ("contents_url", "/contents/{+path}"), ("contributors_url", "/contributors"),
            ("deployments_url", "/deployments"), ("downloads_url", "/downloads"), ("events_url", "/events"),
            ("forks_url", "/forks"), ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"),
            ("git_tags_url", "/git/tags{/sha}"), ("hooks_url", "/hooks"),
            ("issue_comment_url", "/issues/comments{/number}"), ("issue_events_url", "/issues/events{/number}"),
            ("issues_url", "/issues{/number}"), ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"),
            ("languages_url", "/languages"), ("merges_url", "/merges"), ("milestones_url", "/milestones{/number}"),
            ("notifications_url", "/notifications{?since,all,participating}"), ("pulls_url", "/pulls{/number}"),
            ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"), ("statuses_url", "/statuses/{sha}"),
            ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"), ("tags_url", "/tags"),
            ("teams_url", "/teams"), ("trees_url", "/git/trees{/sha}"),
        ]
        let created = ForgeFormat.timestamp(Date(timeIntervalSince1970: 1_700_000_000))
        let openIssues = repository.issues.values.filter { $0.state == "open" }.count
        var members: [(String, ForgeJSON)] = [
            ("id", .int(repository.id)), ("node_id", .string(ForgeFormat.nodeID("R", repository.id))),
            ("name", .string(repository.name)), ("full_name", .string(repository.fullName)),
            ("owner", user(repository.owner)), ("private", false), ("html_url", .string(html)),
            ("description", "A repository served by the Conveyor fake forge"), ("fork", false), ("url", .string(api)),
        ]
        members += templates.map { ($0.0, .string(api + $0.1)) }
        members += [
            ("git_url", .string("git://127.0.0.1/\(repository.fullName).git")),
            ("ssh_url", .string("git@127.0.0.1:\(repository.fullName).git")),
            ("clone_url", .string("\(html).git")), ("svn_url", .string(html)), ("mirror_url", nil),
            ("homepage", nil), ("language", "Swift"), ("forks", 0), ("forks_count", 0), ("stargazers_count", 0),
            ("watchers", 0), ("watchers_count", 0), ("size", 128),
            ("default_branch", .string(repository.defaultBranch)),
            ("open_issues", .int(openIssues)), ("open_issues_count", .int(openIssues)), ("has_issues", true),
            ("has_projects", true), ("has_wiki", false), ("has_pages", false), ("has_downloads", true),
            ("archived", false), ("disabled", false), ("license", nil), ("pushed_at", .string(created)),
            ("created_at", .string(created)), ("updated_at", .string(created)),
        ]
        return .object(members)
    }

    func label(_ label: ForgeLabel, in repository: ForgeRepository) -> ForgeJSON {
        let name = label.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? label.name
        return .object([
            ("id", .int(label.id)), ("node_id", .string(ForgeFormat.nodeID("LA", label.id))),
            ("url", .string("\(root)/repos/\(repository.fullName)/labels/\(name)")), ("name", .string(label.name)),
            ("description", .optional(label.description)), ("color", .string(label.color)), ("default", false),
        ])
    }

    func comment(_ comment: ForgeComment, in repository: ForgeRepository) -> ForgeJSON {
        let api = "\(root)/repos/\(repository.fullName)"
        let kind = repository.issues[comment.issueNumber]?.pull == nil ? "issues" : "pull"
        return .object([
            ("id", .int(comment.id)), ("node_id", .string(ForgeFormat.nodeID("IC", comment.id))),
            ("url", .string("\(api)/issues/comments/\(comment.id)")),
            (
                "html_url",
                .string("\(root)/\(repository.fullName)/\(kind)/\(comment.issueNumber)#issuecomment-\(comment.id)")
            ),
            ("body", .string(comment.body)), ("user", user(comment.author)),
            ("created_at", .string(ForgeFormat.timestamp(comment.createdAt))),
            ("updated_at", .string(ForgeFormat.timestamp(comment.updatedAt))),
            ("issue_url", .string("\(api)/issues/\(comment.issueNumber)")),
            ("author_association", .string(association(of: comment.author, in: repository))),
        ])
    }

    func permission(_ level: ForgePermission, of login: String, in repository: ForgeRepository) -> ForgeJSON {
        .object([("permission", .string(level.rawValue)), ("user", user(login))])
    }

    /// `OWNER` for the repository owner, `COLLABORATOR` for anyone with a permission, else `NONE`.
    func association(of login: String, in repository: ForgeRepository) -> String {
        if login == repository.owner { return "OWNER" }
        return (repository.permissions[login] ?? .noAccess) == .noAccess ? "NONE" : "COLLABORATOR"
    }
}
