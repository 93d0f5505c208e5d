import ConveyorTestSupport
import Foundation
import HTTP
import Testing

@Suite("HTTPClient keeps credentials out of errors")
struct HTTPClientSecretTests {
    /// Every way an error can be printed.
    private func renderings(of error: any Error) -> [String] {
        [String(describing: error), String(reflecting: error), error.localizedDescription, "\(error)"]
    }

    @Test("no error text contains the token, and the Authorization header reaches the server")
    func tokenNeverInErrors() async throws {
        try await withForge { forge in
            let number = await forge.seedIssue()
            let issueURL = forge.repositoryURL(.github, "/issues/\(number)")
            var errors: [any Error] = []

            let wrongToken = "ghp_WrongTokenThatMustNotLeak0123456789"
            let rejected = forge.client(authorization: "Bearer \(wrongToken)")
            errors += [await thrownError { _ = try await rejected.send(HTTPRequest(url: issueURL)) }].compactMap { $0 }

            await forge.inject(.status(500, body: "token \(forge.token) is invalid"), on: .getIssue, times: 3)
            errors += [await thrownError { _ = try await forge.client().send(HTTPRequest(url: issueURL)) }]
                .compactMap { $0 }

            await forge.inject(.dropConnection, on: .getIssue)
            errors += [await thrownError { _ = try await forge.client(retry: .none).send(HTTPRequest(url: issueURL)) }]
                .compactMap { $0 }

            let closed = try await FakeForge.start(token: forge.token)
            let closedURL = closed.repositoryURL(.github, "/issues/1")
            await closed.stop()
            errors += [await thrownError { _ = try await forge.client().send(HTTPRequest(url: closedURL)) }]
                .compactMap { $0 }

            #expect(errors.count == 4)
            #expect((errors.first as? HTTPError)?.status == 401)
            for error in errors {
                for text in renderings(of: error) {
                    #expect(!text.contains(forge.token), "token leaked: \(text)")
                    #expect(!text.contains(wrongToken), "token leaked: \(text)")
                }
            }
            #expect(String(describing: forge.client().configuration).contains(forge.token) == false)

            let response = try await forge.client().send(HTTPRequest(url: issueURL))
            #expect(response.status == 200)
            #expect(await forge.receivedAuthorizations().last == "Bearer \(forge.token)")
        }
    }

    @Test("request headers print with credentials redacted")
    func headersRedacted() {
        let headers: HTTPHeaders = ["Authorization": "token abc123secret", "Accept": "application/json"]
        #expect(!headers.description.contains("abc123secret"))
        #expect(headers.description.contains("Accept: application/json"))
        #expect(headers["authorization"] == "token abc123secret")
    }
}
