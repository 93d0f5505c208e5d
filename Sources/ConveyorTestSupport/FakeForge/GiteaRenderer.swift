import Foundation

/// Renders records as Gitea API JSON (definitions of `openapi/gitea-subset.json`, Gitea 1.25).
/// Gitea's schemas require no field; values Gitea would send as `null` are left out, since
/// Swagger 2 cannot declare them nullable.
struct GiteaRenderer: ForgeRenderer {
    /// `http://127.0.0.1:<port>`, the web root; the API lives under `/api/v1`.
    let root: String

    /// The API root, `<root>/api/v1`.
    var api: String { root + ForgeRouter.giteaBasePath }

    /// `User`.
    func user(_ login: String) -> ForgeJSON {
        let created = ForgeFormat.timestamp(Date(timeIntervalSince1970: 1_600_000_000))
        return .object([
            ("id", .int(ForgeFormat.userID(login))), ("login", .string(login)), ("login_name", ""), ("source_id", 0),
            ("full_name", .string(login)), ("email", .string("\(login)@noreply.localhost")),
            ("avatar_url", .string("\(root)/avatars/\(login)")), ("html_url", .string("\(root)/\(login)")),
            ("language", ""), ("is_admin", false), ("last_login", .string(created)), ("created", .string(created)),
            ("restricted", false), ("active", true), ("prohibit_login", false), ("location", ""), ("website", ""),
            ("description", ""), ("visibility", "public"), ("followers_count", 0), ("following_count", 0),
            ("starred_repos_count", 0),
        ])
    }

    func repository(_ repository: ForgeRepository) -> ForgeJSON {
        let html = "\(root)/\(repository.fullName)"
        let created = ForgeFormat.timestamp(Date(timeIntervalSince1970: 1_700_000_000))
        let open = repository.issues.values.filter { $0.state == "open" }
        return .object([
            ("id", .int(repository.id)), ("owner", user(repository.owner)), ("name", .string(repository.name)),
            ("full_name", .string(repository.fullName)),
            ("description", "A repository served by the Conveyor fake forge"), ("empty", false), ("private", false),
            ("fork", false), ("template", false), ("mirror", false), ("size", 128), ("language", "Swift"),
            ("languages_url", .string("\(api)/repos/\(repository.fullName)/languages")),
            ("html_url", .string(html)), ("url", .string("\(api)/repos/\(repository.fullName)")), ("link", ""),
            ("ssh_url", .string("git@127.0.0.1:\(repository.fullName).git")), ("clone_url", .string("\(html).git")),
            ("original_url", ""), ("website", ""), ("stars_count", 0), ("forks_count", 0), ("watchers_count", 1),
            ("open_issues_count", .int(open.filter { $0.pull == nil }.count)),
            ("open_pr_counter", .int(open.filter { $0.pull != nil }.count)), ("release_counter", 0),
            ("default_branch", .string(repository.defaultBranch)), ("archived", false),
            ("created_at", .string(created)), ("updated_at", .string(created)),
            ("archived_at", "1970-01-01T00:00:00Z"),
            ("permissions", tokenPermissions(repository.tokenAccess)), ("has_issues", true),
            ("has_code", true), ("has_wiki", false), ("has_pull_requests", true), ("has_projects", false),
            ("has_releases", true), ("has_packages", false), ("has_actions", true),
            ("ignore_whitespace_conflicts", false), ("allow_merge_commits", true), ("allow_rebase", true),
            ("allow_rebase_explicit", true), ("allow_squash_merge", true), ("allow_fast_forward_only_merge", true),
            ("allow_rebase_update", true), ("default_delete_branch_after_merge", false),
            ("default_merge_style", "merge"), ("default_allow_maintainer_edit", false), ("avatar_url", ""),
            ("internal", false), ("mirror_interval", ""), ("object_format_name", "sha1"), ("topics", []),
            ("licenses", []),
        ])
    }

    func label(_ label: ForgeLabel, in repository: ForgeRepository) -> ForgeJSON {
        .object([
            ("id", .int(label.id)), ("name", .string(label.name)), ("exclusive", false), ("is_archived", false),
            ("color", .string(label.color)), ("description", .string(label.description ?? "")),
            ("url", .string("\(api)/repos/\(repository.fullName)/labels/\(label.id)")),
        ])
    }

    func comment(_ comment: ForgeComment, in repository: ForgeRepository) -> ForgeJSON {
        let isPull = repository.issues[comment.issueNumber]?.pull != nil
        let page = "\(root)/\(repository.fullName)/\(isPull ? "pulls" : "issues")/\(comment.issueNumber)"
        return .object([
            ("id", .int(comment.id)), ("html_url", .string("\(page)#issuecomment-\(comment.id)")),
            ("pull_request_url", .string(isPull ? page : "")), ("issue_url", .string(isPull ? "" : page)),
            ("user", user(comment.author)), ("original_author", ""), ("original_author_id", 0),
            ("body", .string(comment.body)), ("assets", []),
            ("created_at", .string(ForgeFormat.timestamp(comment.createdAt))),
            ("updated_at", .string(ForgeFormat.timestamp(comment.updatedAt))),
        ])
    }

    func permission(_ level: ForgePermission, of login: String, in repository: ForgeRepository) -> ForgeJSON {
        let role = login == repository.owner ? "owner" : level.rawValue
        return .object([("permission", .string(level.rawValue)), ("role_name", .string(role)), ("user", user(login))])
    }
}
