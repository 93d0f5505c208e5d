import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// Real webhook objects from the event corpus, checked against the matching API schemas. Where the description
/// is older than the payload, the exact violations are asserted: they document the drift the fake forge must not
/// copy from live payloads.
@Suite struct CorpusPayloadTests {
    static func object(_ file: String, _ pointer: String) throws -> JSONValue {
        try #require(JSONValue(parsing: Corpus.data(file)).value(atPointer: pointer), "\(file) has no \(pointer)")
    }

    @Test func gitHubCommentAndLabelPayloadsConform() throws {
        let contract = try Contracts.gitHub()
        let comment = try Self.object("github-events/issue_comment.created.json", "comment")
        let label = try Self.object("github-events/issues.labeled.json", "label")
        #expect(contract.validate(comment, againstSchema: "#/components/schemas/issue-comment").isEmpty)
        #expect(contract.validate(label, againstSchema: "#/components/schemas/label").isEmpty)
    }

    @Test func gitHubIssuePayloadHasOneFieldThe2021DescriptionLacks() throws {
        let issue = try Self.object("github-events/issues.labeled.json", "issue")
        let violations = try Contracts.gitHub().validate(issue, againstSchema: "#/components/schemas/issue")
        #expect(
            violations.summaries == ["responseBody/unknownField $.draft"], violations.report("issues.labeled issue"))
        #expect(violations.first?.message == "response field `draft` is not in schema `issue`")
    }

    @Test func gitHubPullRequestPayloadHasRepositoryFieldsThe2021DescriptionLacks() throws {
        let pull = try Self.object("github-events/pull_request.opened.json", "pull_request")
        let violations = try Contracts.gitHub().validate(pull, againstSchema: "#/components/schemas/pull-request")
        let newer = ["custom_properties", "is_template", "visibility", "web_commit_signoff_required"]
        let expected = ["base", "head"].flatMap { side in newer.map { "responseBody/unknownField $.\(side).repo.\($0)" }
        }
        #expect(violations.summaries == expected, violations.report("pull_request.opened pull_request"))
    }

    @Test func giteaPayloadsDifferFromTheAPIOnlyByTheUsernameAlias() throws {
        let contract = try Contracts.gitea()
        // Gitea's User.MarshalJSON adds `username` (a copy of `login`); the API description does not list it.
        let issue = try Self.object("gitea-events/constructed.issues.label_updated.json", "issue")
        let issueViolations = contract.validate(issue, againstSchema: "#/definitions/Issue")
        #expect(issueViolations.summaries == ["responseBody/unknownField $.user.username"])
        let comment = try Self.object("gitea-events/zulip-gitea.issue_comment__new.json", "comment")
        let commentViolations = contract.validate(comment, againstSchema: "#/definitions/Comment")
        #expect(commentViolations.summaries == ["responseBody/unknownField $.user.username"])
        let labels = try Self.object(
            "gitea-events/woodpecker-gitea.HookPullRequestAddLabel.json", "pull_request/labels")
        let labelViolations = contract.validate(labels, againstSchema: "#/responses/LabelList/schema")
        #expect(labelViolations.isEmpty, labelViolations.report("woodpecker labels"))
        #expect(labels.arrayValue?.count == 2)
    }
}
