import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// Both corpus descriptions load, hold exactly the endpoints the corpus README lists, and resolve their `$ref`s.
@Suite struct OpenAPIDocumentTests {
    /// Expands `"GET,PATCH /issues/{index}"` into `GET /repos/{owner}/{repo}/issues/{index}` and
    /// `PATCH /repos/{owner}/{repo}/issues/{index}`.
    static func expand(_ rows: [String]) -> Set<String> {
        Set(
            rows.flatMap { row -> [String] in
                let parts = row.split(separator: " ", maxSplits: 1)
                let path = "/repos/{owner}/{repo}" + (parts.count > 1 ? String(parts[1]) : "")
                return parts[0].split(separator: ",").map { "\($0) \(path)" }
            })
    }

    /// The README §3 table, GitHub column (`GET /user` is outside `/repos/{owner}/{repo}`).
    static let gitHubTable = Set(["GET /user"]).union(
        expand([
            "GET", "GET,PATCH /issues/{issue_number}", "GET,POST /issues/{issue_number}/comments",
            "GET,PATCH,DELETE /issues/comments/{comment_id}", "GET,POST,PUT,DELETE /issues/{issue_number}/labels",
            "DELETE /issues/{issue_number}/labels/{name}", "GET,POST /labels", "GET,PATCH,DELETE /labels/{name}",
            "GET,POST /pulls",
            "GET,PATCH /pulls/{pull_number}",
            "POST /statuses/{sha}", "GET /commits/{ref}/status", "GET /commits/{ref}/statuses",
            "GET /collaborators/{username}/permission", "POST /check-runs", "GET,PATCH /check-runs/{check_run_id}",
            "GET /commits/{ref}/check-runs", "GET,POST /issues/comments/{comment_id}/reactions",
            "DELETE /issues/comments/{comment_id}/reactions/{reaction_id}", "GET,POST /issues/{issue_number}/reactions",
            "GET,POST /pulls/comments/{comment_id}/reactions",
            "GET,POST /issues", "GET,POST /milestones", "GET /tags", "POST /actions/workflows/{workflow_id}/dispatches",
        ]))

    /// The README §3 table, Gitea column (`GET /user` is outside `/repos/{owner}/{repo}`).
    static let giteaTable = Set(["GET /user"]).union(
        expand([
            "GET", "GET,PATCH /issues/{index}", "GET,POST /issues/{index}/comments",
            "GET,PATCH,DELETE /issues/comments/{id}",
            "GET,POST,PUT,DELETE /issues/{index}/labels", "DELETE /issues/{index}/labels/{id}", "GET,POST /labels",
            "GET,PATCH,DELETE /labels/{id}", "GET,POST /pulls", "GET,PATCH /pulls/{index}", "GET,POST /statuses/{sha}",
            "GET /commits/{ref}/status",
            "GET /commits/{ref}/statuses", "GET /collaborators/{collaborator}/permission",
            "GET,POST,DELETE /issues/comments/{id}/reactions", "GET,POST,DELETE /issues/{index}/reactions",
            "POST /actions/workflows/{workflow_id}/dispatches",
            "GET,POST /issues", "GET,POST /milestones", "GET /tags",
        ]))

    @Test func gitHubSubsetIsOpenAPI3WithExactlyTheReadmeEndpoints() throws {
        let contract = try Contracts.gitHub()
        #expect(contract.document.dialect == .openAPI3)
        #expect(contract.document.basePath.isEmpty)
        #expect(contract.operations.count == 44)
        #expect(Set(contract.operations.map(\.title)) == Self.gitHubTable)
        let issue = try #require(
            contract.operation(method: "get", pathTemplate: "/repos/{owner}/{repo}/issues/{issue_number}"))
        #expect(issue.operationID == "issues/get")
    }

    @Test func giteaSubsetIsSwagger2WithExactlyTheReadmeEndpoints() throws {
        let contract = try Contracts.gitea()
        #expect(contract.document.dialect == .swagger2)
        #expect(contract.document.basePath == "/api/v1")
        #expect(contract.operations.count == 40)
        #expect(Set(contract.operations.map(\.title)) == Self.giteaTable)
        #expect(
            contract.operation(method: "DELETE", pathTemplate: "/repos/{owner}/{repo}/issues/{index}/labels/{id}")
                != nil)
    }

    @Test(arguments: ["github", "gitea"])
    func everyOperationIsReachableByTemplateAndByConcretePath(dialect: String) throws {
        let contract = try dialect == "github" ? Contracts.gitHub() : Contracts.gitea()
        for operation in contract.operations {
            let byTemplate = contract.operation(method: operation.method, pathTemplate: operation.pathTemplate)
            #expect(byTemplate?.title == operation.title)
            let concrete = operation.pathTemplate.replacing(/\{[^}]+\}/, with: "x7")
            let byPath = contract.operation(method: operation.method, path: contract.document.basePath + concrete)
            #expect(byPath?.title == operation.title, "\(concrete)")
            #expect(!operation.responses.isEmpty, "\(operation.title) documents no response")
        }
    }

    @Test func responsesAndBodiesAreResolvedInBothDialects() throws {
        let gitHub = try Contracts.gitHub()
        let getComment = try #require(
            gitHub.operation(method: "GET", pathTemplate: "/repos/{owner}/{repo}/issues/comments/{comment_id}"))
        // "404": {"$ref": "#/components/responses/not_found"} → content → schema basic-error.
        #expect(getComment.responses["404"]?.schema == ["$ref": "#/components/schemas/basic-error"])
        #expect(getComment.responses["200"]?.schema == ["$ref": "#/components/schemas/issue-comment"])
        let deleteComment = try #require(
            gitHub.operation(method: "DELETE", pathTemplate: "/repos/{owner}/{repo}/issues/comments/{comment_id}"))
        #expect(deleteComment.responses["204"].map { $0.schema == nil } == true)
        #expect(deleteComment.requestBody == nil)

        let gitea = try Contracts.gitea()
        let postComment = try #require(
            gitea.operation(method: "POST", pathTemplate: "/repos/{owner}/{repo}/issues/{index}/comments"))
        // "201": {"$ref": "#/responses/Comment"} → schema #/definitions/Comment; body from the `in: body` parameter.
        #expect(postComment.responses["201"]?.schema == ["$ref": "#/definitions/Comment"])
        #expect(postComment.requestBody?.schema == ["$ref": "#/definitions/CreateIssueCommentOption"])
        // "404": {"$ref": "#/responses/notFound"} documents no body at all.
        #expect(postComment.responses["404"].map { $0.schema == nil } == true)
        // "403": go-swagger lists APIError's body fields as headers; they become an object schema.
        let forbidden = try #require(postComment.responses["403"]?.schema)
        #expect(forbidden["properties"]?["message"] == ["type": "string"])
    }

    @Test func referencesResolveToTheirTargetsInBothDialects() throws {
        let gitHub = try Contracts.gitHub().document
        #expect(try gitHub.resolveReference("#/components/schemas/issue")["title"] == "Issue")
        #expect(try gitHub.resolveReference("#/components/parameters/issue-number")["name"] == "issue_number")
        #expect(try gitHub.resolve(["$ref": "#/components/responses/not_found"])["description"] == "Resource not found")
        let gitea = try Contracts.gitea().document
        #expect(
            try gitea.resolveReference("#/definitions/Label")["x-go-package"] == "code.gitea.io/gitea/modules/structs")
        #expect(
            try gitea.resolveReference("#/responses/LabelList")["schema"]?["items"] == ["$ref": "#/definitions/Label"])
        #expect(throws: OpenAPIError.self) { try gitea.resolveReference("#/definitions/Nope") }
    }
}
