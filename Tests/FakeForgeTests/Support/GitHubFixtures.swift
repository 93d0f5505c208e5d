import ConveyorTestSupport
import JSON

/// Minimal-but-complete GitHub REST objects: every field the 2021 description marks `required`, nothing else.
enum GitHubFixtures {
    static let api = "https://api.github.com"

    /// A `simple-user`.
    static func simpleUser(login: String = "octocat", id: Int64 = 1) -> JSONValue {
        let base = "\(api)/users/\(login)"
        return [
            "login": .string(login), "id": .integer(id), "node_id": "MDQ6VXNlcjE=",
            "avatar_url": "https://avatars.githubusercontent.com/u/1?v=4", "gravatar_id": "",
            "url": .string(base), "html_url": .string("https://github.com/\(login)"),
            "followers_url": .string("\(base)/followers"), "following_url": .string("\(base)/following{/other_user}"),
            "gists_url": .string("\(base)/gists{/gist_id}"), "starred_url": .string("\(base)/starred{/owner}{/repo}"),
            "subscriptions_url": .string("\(base)/subscriptions"), "organizations_url": .string("\(base)/orgs"),
            "repos_url": .string("\(base)/repos"), "events_url": .string("\(base)/events{/privacy}"),
            "received_events_url": .string("\(base)/received_events"), "type": "User", "site_admin": false,
        ]
    }

    /// An `issue-comment` on `octo/hello#3`.
    static func issueComment(id: Int64 = 1001, body: String = "Me too") -> JSONValue {
        [
            "id": .integer(id), "node_id": "MDEyOklzc3VlQ29tbWVudDE=",
            "url": .string("\(api)/repos/octo/hello/issues/comments/\(id)"),
            "html_url": .string("https://github.com/octo/hello/issues/3#issuecomment-\(id)"),
            "issue_url": "\(api)/repos/octo/hello/issues/3", "body": .string(body), "user": simpleUser(),
            "author_association": "OWNER", "created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05Z",
        ]
    }

    /// A `label`.
    static func label(id: Int64 = 208_045_946, name: String = "bug") -> JSONValue {
        [
            "id": .integer(id), "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=",
            "url": .string("\(api)/repos/octo/hello/labels/\(name)"),
            "name": .string(name), "description": "Something isn't working", "color": "f29513", "default": true,
        ]
    }

    /// A `repository-collaborator-permission`.
    static func collaboratorPermission(_ permission: String = "write") -> JSONValue {
        ["permission": .string(permission), "user": simpleUser()]
    }

    /// A `simple-commit-status` as listed inside a combined status.
    static func simpleCommitStatus(state: String = "success") -> JSONValue {
        [
            "id": 1, "node_id": "MDY6U3RhdHVzMQ==", "state": .string(state), "context": "conveyor/review",
            "description": "Review passed", "target_url": "https://ci.example/run/1", "avatar_url": .null,
            "url": "\(api)/repos/octo/hello/statuses/6dcb09b5", "created_at": "2026-01-02T03:04:05Z",
            "updated_at": "2026-01-02T03:04:05Z",
        ]
    }

    /// A `status`, as returned by `POST /repos/{owner}/{repo}/statuses/{sha}`.
    static func status(state: String = "success") -> JSONValue {
        guard case .object(var members) = simpleCommitStatus(state: state) else { return .null }
        members["avatar_url"] = "https://avatars.githubusercontent.com/u/1?v=4"
        members["creator"] = simpleUser()
        return .object(members)
    }

    /// A `combined-commit-status` holding one status.
    static func combinedStatus() -> JSONValue {
        [
            "state": "success", "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e", "total_count": 1,
            "statuses": [simpleCommitStatus()], "repository": minimalRepository(),
            "commit_url": "\(api)/repos/octo/hello/commits/6dcb09b5",
            "url": "\(api)/repos/octo/hello/commits/6dcb09b5/status",
        ]
    }

    /// A `minimal-repository`: the required scalars plus every required `*_url`.
    static func minimalRepository() -> JSONValue {
        let base = "\(api)/repos/octo/hello"
        let urlFields = [
            "archive", "assignees", "blobs", "branches", "collaborators", "comments", "commits", "compare", "contents",
            "contributors", "deployments", "downloads", "events", "forks", "git_commits", "git_refs", "git_tags",
            "hooks", "issue_comment", "issue_events", "issues", "keys", "labels", "languages", "merges", "milestones",
            "notifications", "pulls", "releases", "stargazers", "statuses", "subscribers", "subscription", "tags",
            "teams", "trees",
        ]
        var members: [String: JSONValue] = [
            "id": 1_296_269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "hello", "full_name": "octo/hello",
            "owner": simpleUser(login: "octo"), "private": false, "html_url": "https://github.com/octo/hello",
            "description": .null, "fork": false, "url": .string(base),
        ]
        for field in urlFields { members["\(field)_url"] = .string("\(base)/\(field)") }
        return .object(members)
    }
}
