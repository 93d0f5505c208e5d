import ConveyorTestSupport
import Forge
import Foundation
import Testing

/// Lenient decoding: unknown fields ignored, optional fields optional, both forges' spellings, and
/// the objects inside real event payloads from the corpus.
@Suite struct ModelDecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// The member `key` of the corpus payload at `path`, re-encoded.
    private func member(_ key: String, of path: String) throws -> Data {
        let payload = try #require(try JSONSerialization.jsonObject(with: Corpus.data(path)) as? [String: Any])
        return try JSONSerialization.data(withJSONObject: try #require(payload[key]))
    }

    @Test func accountsReadLoginOrUsernameAndTheTypeWhenGiven() throws {
        #expect(
            try decode(Account.self, #"{"login":"octocat","type":"User","id":1}"#)
                == Account(login: "octocat", kind: .user))
        #expect(try decode(Account.self, #"{"username":"gitea-user","id":2}"#) == Account(login: "gitea-user"))
        #expect(try decode(Account.self, #"{"login":"ci","type":"Bot"}"#).isBot)
        #expect(Account(login: "renovate[bot]", kind: .user).isBot)
        #expect(throws: DecodingError.self) { try decode(Account.self, #"{"id":3}"#) }
    }

    @Test func anIssueWithNullBodyAndNullPullRequestIsAnEmptyPlainIssue() throws {
        let issue = try decode(
            Issue.self,
            #"{"number":3,"title":"T","body":null,"state":"open","user":{"login":"a"},"pull_request":null,"x":1}"#)
        #expect(issue.body.isEmpty)
        #expect(issue.labels.isEmpty)
        #expect(!issue.isPullRequest)
    }

    @Test func giteaStatusesNameTheirStateStatusAndAnEmptyCombinedStateIsPending() throws {
        let status = try decode(
            CommitStatus.self, #"{"id":1,"status":"warning","context":"lint","target_url":"","description":""}"#)
        #expect(status.state == .warning)
        #expect(status.targetURL == nil)
        let combined = try decode(CombinedStatus.self, #"{"state":"","sha":"abc","statuses":null}"#)
        #expect(combined.state == .pending)
        #expect(combined.statuses.isEmpty)
        #expect(throws: DecodingError.self) { try decode(CombinedStatus.self, #"{"state":"exploded"}"#) }
    }

    @Test func githubEventPayloadsDecode() throws {
        let opened = try JSONDecoder().decode(Issue.self, from: member("issue", of: "github-events/issues.opened.json"))
        #expect(opened.state == .open)
        #expect(!opened.isPullRequest)
        let empty = try JSONDecoder().decode(
            Issue.self, from: member("issue", of: "github-events/issues.opened.with-empty-body.json"))
        #expect(empty.body.isEmpty)
        let onPull = try JSONDecoder().decode(
            Issue.self,
            from: member("issue", of: "github-events/constructed.issue_comment.created.on-pull-request.json"))
        #expect(onPull.isPullRequest)
        let comment = try JSONDecoder().decode(
            IssueComment.self, from: member("comment", of: "github-events/issue_comment.created.json"))
        #expect(!comment.body.isEmpty)
        let pull = try JSONDecoder().decode(
            PullRequest.self, from: member("pull_request", of: "github-events/pull_request.opened.with-null-body.json"))
        #expect(pull.body.isEmpty)
        #expect(!pull.head.isEmpty && !pull.headSHA.isEmpty)
        let sender = try JSONDecoder().decode(
            Account.self, from: member("sender", of: "github-events/issues.labeled.json"))
        #expect(sender.kind != .unknown)
    }

    @Test func giteaEventPayloadsDecode() throws {
        let opened = try JSONDecoder().decode(
            Issue.self, from: member("issue", of: "gitea-events/goscm-gitea.issues_opened.json"))
        #expect(!opened.title.isEmpty)
        let comment = try JSONDecoder().decode(
            IssueComment.self, from: member("comment", of: "gitea-events/zulip-gitea.issue_comment__new.json"))
        #expect(!comment.author.login.isEmpty)
        let pull = try JSONDecoder().decode(
            PullRequest.self,
            from: member("pull_request", of: "gitea-events/woodpecker-forgejo.HookPullRequestUpdated.json"))
        #expect(!pull.head.isEmpty)
        let sender = try JSONDecoder().decode(
            Account.self, from: member("sender", of: "gitea-events/goscm-gitea.pull_request_opened.json"))
        #expect(!sender.login.isEmpty)
    }
}

@Suite struct RepositoryPermissionsTests {
    private func permissions(_ json: String) throws -> RepositoryPermissions? {
        try JSONDecoder().decode(
            RepositoryInfo.self,
            from: Data(#"{"full_name": "o/r", "default_branch": "main"\#(json)}"#.utf8)
        ).permissions
    }

    @Test("#34 only pull-without-push reads as a read-only token; all-false and missing say nothing")
    func readOnlyIsPullWithoutPush() throws {
        #expect(try permissions(#", "permissions": {"admin": false, "push": false, "pull": true}"#)?.isReadOnly == true)
        #expect(try permissions(#", "permissions": {"admin": false, "push": true, "pull": true}"#)?.isReadOnly == false)
        #expect(
            try permissions(#", "permissions": {"admin": false, "push": false, "pull": false}"#)?.isReadOnly == false)
        #expect(try permissions(#", "permissions": {"pull": true}"#)?.isReadOnly == true)
        #expect(try permissions("") == nil)
    }
}
