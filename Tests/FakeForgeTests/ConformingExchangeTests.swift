import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// Hand-written responses with every required field pass, so a failure elsewhere means a real departure.
@Suite struct ConformingExchangeTests {
    static let gitHubExchanges = [
        Exchange("GET", "/issues/comments/{comment_id}", status: 200, response: GitHubFixtures.issueComment()),
        Exchange(
            "POST", "/issues/{issue_number}/comments", request: ["body": "Me too"], status: 201,
            response: GitHubFixtures.issueComment()),
        Exchange(
            "PATCH", "/issues/comments/{comment_id}", request: ["body": "Edited"], status: 200,
            response: GitHubFixtures.issueComment(body: "Edited")),
        Exchange("DELETE", "/issues/comments/{comment_id}", status: 204),
        Exchange(
            "POST", "/actions/workflows/{workflow_id}/dispatches",
            request: ["ref": "main", "inputs": ["issue": "1", "stage": "vision", "mode": "run"]], status: 204),
        Exchange(
            "GET", "/collaborators/{username}/permission", status: 200,
            response: GitHubFixtures.collaboratorPermission("admin")),
        Exchange("GET", "/commits/{ref}/status", status: 200, response: GitHubFixtures.combinedStatus()),
        Exchange(
            "POST", "/statuses/{sha}", request: ["state": "pending", "context": "conveyor"], status: 201,
            response: GitHubFixtures.status(state: "pending")),
        Exchange("GET", "/labels", status: 200, response: [GitHubFixtures.label(), GitHubFixtures.label(id: 2)]),
        Exchange(
            "POST", "/issues/{issue_number}/labels", request: ["labels": ["bug"]], status: 200,
            response: [GitHubFixtures.label()]),
        Exchange(
            "POST", "/issues/{issue_number}/labels", request: ["bug", "agent"], status: 200,
            response: [GitHubFixtures.label()]),
        Exchange("DELETE", "/issues/{issue_number}/labels", status: 204),
        Exchange(
            "PATCH", "/issues/{issue_number}", request: ["state": "closed", "milestone": .null, "labels": ["bug"]],
            status: 404, response: ["message": "Not Found", "documentation_url": "https://docs.github.com/rest"]),
    ]

    static let giteaExchanges = [
        Exchange("GET", "/issues/comments/{id}", status: 200, response: GiteaFixtures.comment()),
        Exchange(
            "POST", "/issues/{index}/comments", request: ["body": "Looks good"], status: 201,
            response: GiteaFixtures.comment()),
        Exchange("GET", "/labels", status: 200, response: [GiteaFixtures.label(), GiteaFixtures.label(id: 2)]),
        Exchange("GET", "/issues/{index}/labels", status: 200, response: []),
        Exchange(
            "POST", "/issues/{index}/labels", request: ["labels": [1, "agent"]], status: 200,
            response: [GiteaFixtures.label()]),
        Exchange("DELETE", "/issues/{index}/labels/{id}", status: 204),
        Exchange(
            "GET", "/collaborators/{collaborator}/permission", status: 200,
            response: GiteaFixtures.collaboratorPermission()),
        Exchange(
            "POST", "/statuses/{sha}", request: ["state": "warning", "context": "conveyor"], status: 201,
            response: ["id": 1, "status": "warning", "context": "conveyor", "creator": GiteaFixtures.user()]),
        Exchange("DELETE", "/issues/{index}/reactions", request: ["content": "+1"], status: 200),
        Exchange(
            "POST", "/actions/workflows/{workflow_id}/dispatches",
            request: ["ref": "main", "inputs": ["stage": "review"]], status: 204),
        Exchange("GET", "/issues/{index}", status: 404),
        Exchange(
            "POST", "/issues/{index}/comments", request: ["body": "x"], status: 403,
            response: ["message": "token does not have the scope", "url": "https://gitea.example/api/swagger"]),
        // Gitea serialises unset Go pointers as null although its description never says `x-nullable`.
        Exchange(
            "GET", "/issues/comments/{id}", status: 200,
            response: GiteaFixtures.comment().setting("user", to: .null).setting("assets", to: .null)),
    ]

    @Test(arguments: gitHubExchanges)
    func gitHubExchangeConforms(_ exchange: Exchange) throws {
        let violations = try exchange.violations(in: Contracts.gitHub())
        #expect(violations.isEmpty, violations.report(exchange.testDescription))
    }

    @Test(arguments: giteaExchanges)
    func giteaExchangeConforms(_ exchange: Exchange) throws {
        let violations = try exchange.violations(in: Contracts.gitea())
        #expect(violations.isEmpty, violations.report(exchange.testDescription))
    }

    @Test func theFailureMessageListsEveryViolationUnderTheExchange() {
        let violations = [
            ContractViolation(kind: .responseBody, rule: .unknownField, location: "$.x", message: "field `x` is extra"),
            ContractViolation(kind: .statusNotDocumented, message: "status 418 is not documented"),
        ]
        let message = ContractViolation.failureMessage(for: violations, exchange: "GET /repos/o/r → 418")
        #expect(
            message == """
                GET /repos/o/r → 418: 2 contract violations of the API description:
                  - [responseBody/unknownField] $.x: field `x` is extra
                  - [statusNotDocumented] $: status 418 is not documented
                """)
        #expect(
            ContractViolation.failureMessage(for: [], exchange: "GET /").hasSuffix("conforms to the API description."))
    }
}
