import Testing

@testable import Actions

@Suite struct SecretTests {
    static let allTokens = [
        "CONVEYOR_TOKEN": "conveyor-value", "GITHUB_TOKEN": "github-value", "GITEA_TOKEN": "gitea-value",
        "INPUT_TOKEN": "input-value",
    ]

    @Test func tokenVariablesAreTriedInOrder() {
        var variables = Self.allTokens
        for expected in ["CONVEYOR_TOKEN", "GITHUB_TOKEN", "GITEA_TOKEN", "INPUT_TOKEN"] {
            let environment = ActionsEnvironment(variables)
            #expect(environment.tokenSource == expected)
            #expect(environment.token?.reveal() == Self.allTokens[expected])
            variables[expected] = nil
        }
        #expect(ActionsEnvironment(variables).token == nil)
        #expect(ActionsEnvironment(variables).tokenSource == nil)
    }

    @Test func blankTokensAreSkippedAndValuesTrimmed() {
        let environment = ActionsEnvironment(["CONVEYOR_TOKEN": "", "GITHUB_TOKEN": " \n", "GITEA_TOKEN": " tok\n"])
        #expect(environment.tokenSource == "GITEA_TOKEN")
        #expect(environment.token?.reveal() == "tok")
    }

    @Test func printingTheEnvironmentNeverShowsTheToken() throws {
        let token = "ghs_16C7e42F292c6912E7710c838347Ae178B4a"
        let environment = ActionsEnvironment(GitHubSample.with(["GITHUB_TOKEN": token]))
        try #require(environment.token?.reveal() == token)

        var dumped = ""
        dump(environment, to: &dumped)
        var dumpedToken = ""
        dump(environment.token, to: &dumpedToken)
        let renderings = [
            "\(environment)", String(reflecting: environment), dumped, "\(String(describing: environment.token))",
            dumpedToken, "\(try #require(environment.token))",
        ]
        for rendering in renderings {
            #expect(!rendering.contains(token))
            #expect(!rendering.contains("ghs_"))
            #expect(rendering.contains("***"))
        }
    }

    @Test func addMaskIsTheOnePlaceTheValueIsWritten() {
        let secret = Secret("hunter2")
        #expect(WorkflowCommand.addMask(secret).line == "::add-mask::hunter2")
        #expect("\(secret)" == "***")
    }
}
