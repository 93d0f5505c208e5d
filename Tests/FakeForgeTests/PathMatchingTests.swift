import ConveyorTestSupport
import Testing

/// Concrete request paths map to the description's templates.
@Suite struct PathMatchingTests {
    @Test func aTemplateMatchesAndCapturesParameters() {
        let template = PathTemplate("/repos/{owner}/{repo}/issues/{issue_number}")
        #expect(template.match("/repos/o/r/issues/3") == ["owner": "o", "repo": "r", "issue_number": "3"])
        #expect(template.match("/repos/o/r/issues") == nil)
        #expect(template.match("/repos/o/r/pulls/3") == nil)
        #expect(template.match("/repos/o/r/issues/3/comments") == nil)
        #expect(template.match("/repos/o//issues/3") == nil)
        #expect(template.shape == "/repos/{}/{}/issues/{}")
    }

    @Test func gitHubConcretePathsFindTheirOperations() throws {
        let contract = try Contracts.gitHub()
        let cases: [(String, String, String)] = [
            ("GET", "/repos/o/r/issues/3", "/repos/{owner}/{repo}/issues/{issue_number}"),
            ("get", "/repos/o/r/issues/3?per_page=100", "/repos/{owner}/{repo}/issues/{issue_number}"),
            ("GET", "/repos/o/r/issues/comments/99", "/repos/{owner}/{repo}/issues/comments/{comment_id}"),
            (
                "DELETE", "/repos/o/r/issues/3/labels/needs%20review",
                "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
            ),
            ("GET", "/repos/o/r/commits/main/status", "/repos/{owner}/{repo}/commits/{ref}/status"),
        ]
        for (method, path, template) in cases {
            #expect(contract.operation(method: method, path: path)?.pathTemplate == template, "\(method) \(path)")
        }
        #expect(contract.operation(method: "POST", path: "/repos/o/r/issues/3") == nil)
        #expect(contract.operation(method: "GET", path: "/repos/o/r/issues/3/lock") == nil)
    }

    @Test func giteaPathsMatchWithOrWithoutTheBasePath() throws {
        let contract = try Contracts.gitea()
        let template = "/repos/{owner}/{repo}/issues/{index}/labels/{id}"
        #expect(
            contract.operation(method: "DELETE", path: "/api/v1/repos/o/r/issues/3/labels/12")?.pathTemplate == template
        )
        #expect(contract.operation(method: "DELETE", path: "/repos/o/r/issues/3/labels/12")?.pathTemplate == template)
        #expect(contract.operation(method: "DELETE", path: "/api/v2/repos/o/r/issues/3/labels/12") == nil)
    }

    @Test func aLiteralSegmentWinsOverAParameterWhenBothTemplatesFit() throws {
        let contract = try Contracts.gitea()
        // Both `/issues/comments/{id}` and `/issues/{index}/reactions` fit; the literal `comments` decides.
        let path = "/repos/o/r/issues/comments/reactions"
        #expect(
            contract.operation(method: "GET", path: path)?.pathTemplate == "/repos/{owner}/{repo}/issues/comments/{id}")
        let literal = PathTemplate("/repos/{owner}/{repo}/issues/comments/{id}")
        let parameter = PathTemplate("/repos/{owner}/{repo}/issues/{index}/reactions")
        #expect(literal.isMoreSpecific(than: parameter))
        #expect(!parameter.isMoreSpecific(than: literal))
    }
}
