import Actions
import ConveyorTestSupport
import Forge
import Foundation
import HTTP
import Testing

/// Authentication headers per forge, and the token kept out of every error and printout.
@Suite struct CredentialTests {
    @Test func eachForgeGetsItsOwnAuthorizationScheme() async throws {
        try await withForge { forge in
            _ = try await forge.client(.github).repositoryInfo()
            _ = try await forge.client(.gitea).repositoryInfo()

            #expect(await forge.receivedAuthorizations() == ["Bearer \(forge.token)", "token \(forge.token)"])
        }
    }

    @Test func gitHubRequestsCarryTheMediaTypeAndAPIVersion() {
        let base = HTTPClient.Configuration(retry: .none, defaultHeaders: ["Accept": "text/plain"])
        let github = ForgeRESTDialect.github.httpConfiguration(token: Secret("t0ken-value"), base: base)
        let gitea = ForgeRESTDialect.gitea.httpConfiguration(token: Secret("t0ken-value"), base: base)

        #expect(github.authorization == "Bearer t0ken-value")
        #expect(github.defaultHeaders["Accept"] == "application/vnd.github+json")
        #expect(github.defaultHeaders["X-GitHub-Api-Version"] == "2022-11-28")
        #expect(github.retry == .none)
        #expect(gitea.authorization == "token t0ken-value")
        #expect(gitea.defaultHeaders["Accept"] == "application/json")
        #expect(gitea.defaultHeaders["X-GitHub-Api-Version"] == nil)
    }

    @Test(arguments: ForgeKind.allCases)
    func theTokenNeverAppearsInErrorsEvenWhenTheForgeEchoesIt(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let impostor = try forge.client(kind, token: "wrong-\(forge.token)")
            let issue = await forge.seedIssue()
            let echo = #"{"message":"bad credentials: \#(forge.token)"}"#
            await forge.inject(.status(500, body: echo), on: .createComment, times: RetryPolicy.fast.maxAttempts)
            await forge.inject(.status(422, body: echo), on: .addLabels)
            await forge.inject(.status(403, body: echo), on: .getPermission)

            let errors = [
                await forgeError { () async throws(ForgeError) in
                    try await client.createComment(onIssue: issue, body: "x")
                },
                await forgeError { () async throws(ForgeError) in try await client.addLabels(["a"], toIssue: issue) },
                await forgeError { () async throws(ForgeError) in try await client.permission(of: "alice") },
                await forgeError { () async throws(ForgeError) in try await impostor.issue(issue) },
            ].compactMap { $0 }

            #expect(errors.map(\.code) == [.unavailable, .rejected, .forbidden, .unauthorized])
            for error in errors {
                #expect(!"\(error)".contains(forge.token))
                #expect(!String(reflecting: error).contains(forge.token))
            }
            var dumped = ""
            dump(client, to: &dumped)
            #expect(!dumped.contains(forge.token))
        }
    }
}
