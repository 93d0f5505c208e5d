import Foundation
import Testing

@testable import Actions

@Suite struct ActionsEnvironmentTests {
    @Test func gitHubHostedJob() throws {
        let environment = ActionsEnvironment(GitHubSample.environment)

        #expect(environment.isActions)
        #expect(environment.forge == .github)
        #expect(try environment.apiURL.absoluteString == "https://api.github.com")
        #expect(try environment.serverURL.absoluteString == "https://github.com")
        #expect(try environment.repository == RepositorySlug(parsing: "octocat/Hello-World"))
        #expect(try environment.repository.owner == "octocat")
        #expect(try environment.repository.name == "Hello-World")
        #expect(environment.eventName == "issues")
        #expect(environment.eventPath?.path == "/github/workflow/event.json")
        #expect(environment.runID == "1658821493")
        #expect(environment.runAttempt == 1)
        #expect(environment.actor == "octocat")
        #expect(environment.workspace?.path == "/home/runner/work/repo/repo")
        #expect(environment.outputPath?.lastPathComponent == "set_output_1")
        #expect(environment.summaryPath?.lastPathComponent == "step_summary_1")
        #expect(environment.token == nil)
        #expect(environment.tokenSource == nil)
    }

    @Test func gitHubEnterpriseServerKeepsItsAPIURL() throws {
        let environment = ActionsEnvironment(
            GitHubSample.with([
                "GITHUB_API_URL": "https://ghe.example.com/api/v3/", "GITHUB_SERVER_URL": "https://ghe.example.com/",
            ]))

        #expect(environment.forge == .github)
        #expect(try environment.apiURL.absoluteString == "https://ghe.example.com/api/v3")
        #expect(try environment.serverURL.absoluteString == "https://ghe.example.com")
    }

    @Test func giteaRunnerDumpIsGitea() throws {
        let dump = try Corpus.giteaEnvironmentDump()
        let environment = ActionsEnvironment(dump)

        #expect(environment.isActions)
        #expect(environment.forge == .gitea)
        #expect(environment.eventPath?.path == "/var/run/act/workflow/event.json")
        #expect(environment.runID == "120")
        #expect(environment.runAttempt == nil)
        #expect(environment.tokenSource == "GITHUB_TOKEN")
        // The poster redacted the API URL and left GITHUB_REPOSITORY empty: both are reported, by name.
        let apiError = try #require(throws: ActionsEnvironmentError.self) { try environment.apiURL }
        #expect(apiError.code == .malformedValue)
        #expect(apiError.variable == "GITHUB_API_URL")
        let repositoryError = try #require(throws: ActionsEnvironmentError.self) { try environment.repository }
        #expect(repositoryError.code == .missingVariable)
    }

    @Test func giteaAPIURLIsDerivedFromTheServerURL() throws {
        var dump = try Corpus.giteaEnvironmentDump()
        dump["GITHUB_API_URL"] = ""
        dump["GITHUB_SERVER_URL"] = "http://127.0.0.1:3000/"
        dump["GITHUB_REPOSITORY"] = "alice/conveyor-demo"
        let environment = ActionsEnvironment(dump)

        #expect(environment.forge == .gitea)
        #expect(try environment.apiURL.absoluteString == "http://127.0.0.1:3000/api/v1")
        #expect(try environment.serverURL.absoluteString == "http://127.0.0.1:3000")
        #expect(try environment.repository.description == "alice/conveyor-demo")
    }

    @Test func giteaWithoutAnyURLSaysWhichVariableToSet() {
        let environment = ActionsEnvironment(["GITEA_ACTIONS": "true", "GITHUB_ACTIONS": "true"])

        let error = #expect(throws: ActionsEnvironmentError.self) { try environment.apiURL }
        #expect(error?.code == .missingVariable)
        #expect(error?.variable == "GITHUB_SERVER_URL")
        #expect(error?.message.hasPrefix("GITHUB_API_URL is not set") == true)
    }

    @Test func apiURLEndingInAPIV1MeansGiteaEvenWithoutTheMarker() throws {
        let environment = ActionsEnvironment(
            GitHubSample.with([
                "GITHUB_API_URL": "https://codeberg.org/api/v1", "GITHUB_SERVER_URL": "https://codeberg.org",
            ]))

        #expect(environment.forge == .gitea)
        #expect(try environment.apiURL.absoluteString == "https://codeberg.org/api/v1")
    }

    @Test func outsideActionsEverythingIsAbsentButGitHubDefaults() throws {
        let environment = ActionsEnvironment([:])

        #expect(!environment.isActions)
        #expect(environment.forge == .github)
        #expect(try environment.apiURL.absoluteString == "https://api.github.com")
        #expect(environment.eventName == nil)
        #expect(environment.outputPath == nil)
        #expect(environment.token == nil)
        #expect(throws: ActionsEnvironmentError.self) { try environment.repository }
    }

    @Test func missingRepositoryIsNamed() {
        let environment = ActionsEnvironment(GitHubSample.with(["GITHUB_REPOSITORY": ""]))

        var matched = false
        do {
            _ = try environment.repository
        } catch ActionsEnvironmentError.Code.missingVariable {
            matched = true
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(matched)
    }

    @Test(arguments: ["octocat", "octocat/", "/Hello-World", "a/b/c", "octo cat/repo", "owner/..", "ow:ner/repo"])
    func malformedRepositoryIsRefused(value: String) {
        let environment = ActionsEnvironment(GitHubSample.with(["GITHUB_REPOSITORY": value]))

        let error = #expect(throws: ActionsEnvironmentError.self) { try environment.repository }
        #expect(error?.code == .malformedValue)
        #expect(error?.variable == "GITHUB_REPOSITORY")
        #expect(error?.message.contains("\"\(value)\"") == true)
        #expect(error?.message.contains("owner/name") == true)
    }

    @Test func repositoryNamesWithDotsDashesAndUnderscoresAreAccepted() throws {
        let slug = try RepositorySlug(parsing: "my-org/my.repo_1")
        #expect(slug.owner == "my-org")
        #expect(slug.name == "my.repo_1")
        #expect("\(slug)" == "my-org/my.repo_1")
    }

    @Test func malformedServerURLIsReported() {
        let environment = ActionsEnvironment(GitHubSample.with(["GITHUB_SERVER_URL": "github.com"]))

        let error = #expect(throws: ActionsEnvironmentError.self) { try environment.serverURL }
        #expect(error?.code == .malformedValue)
        #expect(error?.message.contains("\"github.com\"") == true)
    }

    @Test func urlWithCredentialsIsRefusedWithoutEchoingIt() {
        let environment = ActionsEnvironment(
            GitHubSample.with(["GITHUB_API_URL": "https://bot:tok3n@ghe.example.com/api/v3"]))

        let error = #expect(throws: ActionsEnvironmentError.self) { try environment.apiURL }
        #expect(error?.code == .malformedValue)
        #expect(error?.message.contains("tok3n") == false)
        #expect(error?.message.contains("CONVEYOR_TOKEN") == true)
    }
}
