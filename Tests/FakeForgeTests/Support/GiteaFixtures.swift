import ConveyorTestSupport
import JSON

/// Gitea 1.25.3 API objects with the fields a live Gitea fills in (its description marks none `required`).
enum GiteaFixtures {
    static let api = "https://gitea.example/api/v1"

    /// A `User`.
    static func user(login: String = "alice", id: Int64 = 7) -> JSONValue {
        [
            "id": .integer(id), "login": .string(login), "login_name": "", "source_id": 0, "full_name": "Alice",
            "email": .string("\(login)@noreply.gitea.example"), "avatar_url": "https://gitea.example/avatars/7",
            "html_url": .string("https://gitea.example/\(login)"), "language": "en-US", "is_admin": false,
            "last_login": "2026-01-02T03:04:05Z", "created": "2025-01-02T03:04:05Z", "restricted": false,
            "active": true, "prohibit_login": false, "location": "", "website": "", "description": "",
            "visibility": "public", "followers_count": 0, "following_count": 0, "starred_repos_count": 0,
        ]
    }

    /// A `Comment` on `octo/hello#3`.
    static func comment(id: Int64 = 42, body: String = "Looks good") -> JSONValue {
        [
            "id": .integer(id), "html_url": .string("https://gitea.example/octo/hello/issues/3#issuecomment-\(id)"),
            "pull_request_url": "", "issue_url": "https://gitea.example/octo/hello/issues/3", "user": user(),
            "original_author": "", "original_author_id": 0, "body": .string(body), "assets": [],
            "created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05Z",
        ]
    }

    /// A `Label`.
    static func label(id: Int64 = 1, name: String = "bug") -> JSONValue {
        [
            "id": .integer(id), "name": .string(name), "exclusive": false, "is_archived": false, "color": "ee0701",
            "description": "Something is not working", "url": .string("\(api)/repos/octo/hello/labels/\(id)"),
        ]
    }

    /// A `RepoCollaboratorPermission`.
    static func collaboratorPermission(_ permission: String = "write") -> JSONValue {
        ["permission": .string(permission), "role_name": .string(permission), "user": user()]
    }
}
