import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("A missing or wrong token fails fast with a typed auth error that hides the token", .timeLimit(.minutes(2)))
struct AuthenticationTests {
    /// Far longer than a refused request takes, far shorter than a retry loop or a hang.
    private static let quickly: Duration = .seconds(30)

    @Test("cloning without a token or with a wrong one throws GitError.Code.auth")
    func cloneRefused() async throws {
        try await GitFixture.with { fixture in
            let wrongToken = "wrong-\(UUID().uuidString)"
            for (name, credentials) in [("none", Credentials.none), ("wrong", .token(wrongToken))] {
                let started = ContinuousClock.now
                let error = try await #require(throws: GitError.self) {
                    _ = try await Repository.clone(
                        from: fixture.remote, to: fixture.scratch.appending("clone-\(name)"), credentials: credentials)
                }
                #expect(ContinuousClock.now - started < Self.quickly)
                Self.expectClearAuthError(error, hiding: [fixture.token, wrongToken])
            }
        }
    }

    @Test("pushing without a token or with a wrong one throws GitError.Code.auth and leaves the remote alone")
    func pushRefused() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            _ = try await clone.commit(
                ["notes.md": Data("unauthorised\n".utf8)], onto: "main", message: "Try to sneak in",
                author: fixture.author)
            let wrongToken = "wrong-\(UUID().uuidString)"
            for credentials in [Credentials.none, .token(wrongToken), .token(fixture.token + "x")] {
                let started = ContinuousClock.now
                do {
                    _ = try await clone.push("main", to: "main", remote: fixture.remote, credentials: credentials)
                    Issue.record("push with \(credentials) succeeded")
                } catch GitError.Code.auth {
                    #expect(ContinuousClock.now - started < Self.quickly)
                } catch {
                    Issue.record("expected an auth error, got \(error)")
                }
                let error = await #expect(throws: GitError.self) {
                    _ = try await clone.push("main", to: "main", remote: fixture.remote, credentials: credentials)
                }
                if let error { Self.expectClearAuthError(error, hiding: [fixture.token, wrongToken]) }
            }
            let remoteMain = try GitCLI.run(["-C", fixture.bare.path, "rev-parse", "main"])
            #expect(remoteMain == fixture.initialCommit.description)
        }
    }

    @Test("credentials never print their token")
    func credentialsDescription() {
        let credentials = Credentials.token("ghp_supersecret", username: "bot")
        #expect(!String(describing: credentials).contains("ghp_supersecret"))
        #expect(!String(reflecting: credentials).contains("ghp_supersecret"))
    }

    private static func expectClearAuthError(
        _ error: GitError, hiding secrets: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(error.code == .auth, "\(error)", sourceLocation: sourceLocation)
        let text = String(describing: error) + String(reflecting: error) + error.localizedDescription
        for secret in secrets {
            #expect(!text.contains(secret), "the error shows a token: \(text)", sourceLocation: sourceLocation)
        }
        let message = error.message.lowercased()
        #expect(message.contains("token"), "\(error)", sourceLocation: sourceLocation)
        #expect(
            message.contains("127.0.0.1"), "the error should name the remote: \(error)", sourceLocation: sourceLocation)
    }
}
