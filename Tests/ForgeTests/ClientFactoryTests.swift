import Actions
import Forge
import Foundation
import Testing

/// Creating clients from the Actions environment.
@Suite struct ClientFactoryTests {
    @Test func theEnvironmentPicksForgeRepositoryAndAPI() throws {
        let client = try ForgeClients.make(
            environment: ActionsEnvironment([
                "GITEA_ACTIONS": "true", "GITHUB_SERVER_URL": "https://gitea.example.com",
                "GITHUB_REPOSITORY": "octo-org/hello-world", "GITHUB_TOKEN": "gta_0123456789",
            ]))

        #expect(client.kind == .gitea)
        #expect((client as? ForgeRESTClient)?.dialect == .gitea)
        #expect(client.repository.description == "octo-org/hello-world")
    }

    /// One client speaks both forges; what differs is the dialect it is made with.
    @Test(arguments: ForgeKind.allCases)
    func eachForgeGetsTheRESTClientWithItsDialect(kind: ForgeKind) throws {
        let client = ForgeClients.make(
            kind: kind, apiURL: try #require(URL(string: "https://forge.example.com/api")),
            repository: try RepositorySlug(parsing: "octo-org/hello-world"), token: Secret("t0ken"))
        let rest = try #require(client as? ForgeRESTClient)
        #expect(rest.dialect == ForgeRESTDialect.of(kind))
        #expect(rest.dialect.kind == kind && client.kind == kind)
        #expect(ForgeRESTDialect.github.labelAddress == .name && ForgeRESTDialect.gitea.labelAddress == .id)
    }

    @Test func aMissingTokenNamesTheVariablesToSet() {
        let environment = ActionsEnvironment(["GITHUB_REPOSITORY": "octo-org/hello-world"])

        #expect {
            _ = try ForgeClients.make(environment: environment)
        } throws: { error in
            let error = error as? ActionsEnvironmentError
            return error?.code == .missingVariable && error?.message.contains("CONVEYOR_TOKEN") == true
        }
    }
}
