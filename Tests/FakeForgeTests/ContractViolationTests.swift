import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// Each kind of departure is caught and located: the proof that the checker can fail.
@Suite struct ContractViolationTests {
    static let repo = "/repos/{owner}/{repo}"

    @Test func anUndocumentedRouteIsReported() throws {
        let gitHub = try Contracts.gitHub()
        let lock = try gitHub.check("PUT", Self.repo + "/issues/{issue_number}/lock", status: 204, response: nil)
        #expect(lock.summaries == ["routeNotInSpec/- $"])
        // The right path with another method: the message says which methods exist.
        let post = gitHub.checkRoute(method: "POST", pathTemplate: Self.repo + "/issues/{issue_number}")
        #expect(post.first?.message.hasSuffix("that path has only GET, PATCH") == true, "\(post)")
        // Gitea calls the issue number `{index}`; a GitHub-style name is reported with the right spelling.
        let misnamed = try Contracts.gitea().checkRoute(
            method: "GET", pathTemplate: Self.repo + "/issues/{issue_number}")
        #expect(misnamed.summaries == ["routeNotInSpec/- $"])
        #expect(misnamed.first?.message.contains("spells the template /repos/{owner}/{repo}/issues/{index}") == true)
    }

    @Test func anUndocumentedStatusIsReported() throws {
        let gitHub = try Contracts.gitHub()
        let violations = try gitHub.check(
            "GET", Self.repo + "/issues/comments/{comment_id}", status: 500, response: ["message": "boom"])
        #expect(violations.summaries == ["statusNotDocumented/- $"])
        #expect(violations.first?.message.contains("documented: 200, 404") == true)
        // Gitea answers DELETE of a comment with 204; 200 is not documented.
        let gitea = try Contracts.gitea().check(
            "DELETE", Self.repo + "/issues/comments/{id}", status: 200, response: nil)
        #expect(gitea.summaries == ["statusNotDocumented/- $"])
    }

    @Test func aResponseFieldNotInTheSchemaIsReported() throws {
        let comment = GitHubFixtures.issueComment().setting("reviewer_note", to: "invented")
            .setting("user", to: GitHubFixtures.simpleUser().setting("username", to: "octocat"))
        let violations = try Contracts.gitHub().check(
            "GET", Self.repo + "/issues/comments/{comment_id}", status: 200, response: comment)
        #expect(
            violations.summaries == [
                "responseBody/unknownField $.reviewer_note", "responseBody/unknownField $.user.username",
            ])
        #expect(violations.first?.message == "response field `reviewer_note` is not in schema `issue-comment`")
        let label = GiteaFixtures.label().setting("node_id", to: "x")
        let gitea = try Contracts.gitea().check("GET", Self.repo + "/labels", status: 200, response: [label])
        #expect(gitea.summaries == ["responseBody/unknownField $[0].node_id"])
    }

    @Test func aMissingRequiredFieldIsReported() throws {
        let comment = GitHubFixtures.issueComment().removing("node_id")
            .setting("user", to: GitHubFixtures.simpleUser().removing("login"))
        let violations = try Contracts.gitHub().check(
            "GET", Self.repo + "/issues/comments/{comment_id}", status: 200, response: comment)
        #expect(
            violations.summaries == [
                "responseBody/missingRequiredField $.node_id", "responseBody/missingRequiredField $.user.login",
            ])
        let permission = try Contracts.gitHub().check(
            "GET", Self.repo + "/collaborators/{username}/permission", status: 200, response: ["permission": "admin"])
        #expect(permission.summaries == ["responseBody/missingRequiredField $.user"])
    }

    @Test func aWrongTypeIsReported() throws {
        let comment = GiteaFixtures.comment().setting("id", to: "42")
        let gitea = try Contracts.gitea().check(
            "GET", Self.repo + "/issues/comments/{id}", status: 200, response: comment)
        #expect(gitea.summaries == ["responseBody/typeMismatch $.id"])
        #expect(gitea.first?.message == "expected integer, found string")
        let fractional = GitHubFixtures.label().setting("id", to: 1.5)
        let gitHub = try Contracts.gitHub().check("GET", Self.repo + "/labels", status: 200, response: [fractional])
        #expect(gitHub.summaries == ["responseBody/typeMismatch $[0].id"])
        let notNullable = GitHubFixtures.issueComment().setting("node_id", to: .null)
        let nulls = try Contracts.gitHub().check(
            "GET", Self.repo + "/issues/comments/{comment_id}", status: 200, response: notNullable)
        #expect(nulls.summaries == ["responseBody/notNullable $.node_id"])
        // Gitea strings are Go values: never null, unlike its optional objects.
        let giteaNull = try Contracts.gitea().check(
            "GET", Self.repo + "/issues/comments/{id}", status: 200,
            response: GiteaFixtures.comment().setting("body", to: .null))
        #expect(giteaNull.summaries == ["responseBody/notNullable $.body"])
    }

    @Test func aValueOutsideTheEnumIsReported() throws {
        let gitHub = try Contracts.gitHub()
        let association = GitHubFixtures.issueComment().setting("author_association", to: "MAINTAINER")
        let response = try gitHub.check(
            "GET", Self.repo + "/issues/comments/{comment_id}", status: 200, response: association)
        #expect(response.summaries == ["responseBody/enumMismatch $.author_association"])
        // `warning` is a Gitea status state, not a GitHub one.
        let request = try gitHub.check(
            "POST", Self.repo + "/statuses/{sha}", request: ["state": "warning"], status: 201,
            response: GitHubFixtures.status())
        #expect(request.summaries == ["requestBody/enumMismatch $.state"])
        #expect(request.first?.message == "\"warning\" is not one of \"error\", \"failure\", \"pending\", \"success\"")
    }

    @Test func aRequestFieldNotInTheSchemaIsReported() throws {
        let gitHub = try Contracts.gitHub().check(
            "POST", Self.repo + "/issues/{issue_number}/comments", request: ["body": "hi", "draft": true], status: 201,
            response: GitHubFixtures.issueComment())
        #expect(gitHub.summaries == ["requestBody/unknownField $.draft"])
        #expect(gitHub.first?.message == "request field `draft` is not in the schema")
        let gitea = try Contracts.gitea().check(
            "POST", Self.repo + "/issues/{index}/comments", request: ["body": "hi", "is_pull": false], status: 201,
            response: GiteaFixtures.comment())
        #expect(gitea.summaries == ["requestBody/unknownField $.is_pull"])
        // Inside a `oneOf` (GitHub's label bodies) the closest alternative's complaint is the one reported.
        let labels = try Contracts.gitHub().check(
            "POST", Self.repo + "/issues/{issue_number}/labels", request: ["labels": ["bug"], "replace": true],
            status: 200, response: [GitHubFixtures.label()])
        #expect(labels.summaries == ["requestBody/unknownField $.replace"])
    }

    @Test func bodiesWhereNoneIsDocumentedAndMissingOrBrokenBodiesAreReported() throws {
        let gitHub = try Contracts.gitHub()
        let deleteTemplate = Self.repo + "/issues/comments/{comment_id}"
        let extra = try gitHub.check(
            "DELETE", deleteTemplate, request: ["reason": "spam"], status: 204, response: ["ok": true])
        #expect(extra.summaries == ["requestBody/unexpectedBody $", "responseBody/unexpectedBody $"])
        let empty = try gitHub.check("GET", deleteTemplate, status: 200, response: nil)
        #expect(empty.summaries == ["responseBody/missingBody $"])
        let broken = gitHub.check(
            method: "GET", pathTemplate: deleteTemplate, requestBody: nil, status: 200,
            responseBody: Data("{id: 1".utf8))
        #expect(broken.summaries == ["responseBody/invalidJSON $"])
        let giteaNotFound = try Contracts.gitea().check(
            "GET", Self.repo + "/labels", status: 404, response: ["message": "x"])
        #expect(giteaNotFound.summaries == ["responseBody/unexpectedBody $"])
    }
}
