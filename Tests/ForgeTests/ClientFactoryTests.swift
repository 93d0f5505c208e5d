import Actions
import Forge
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
        #expect(client is GiteaClient)
        #expect(client.repository.description == "octo-org/hello-world")
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
