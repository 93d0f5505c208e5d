import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("The token never follows a redirect to another host", .timeLimit(.minutes(2)))
struct RedirectTests {
    @Test("a remote that redirects to another host gets no token, and the other host gets none either")
    func redirectToAnotherHostGetsNoToken() async throws {
        try await GitFixture.with { fixture in
            let (error, reached, authorizations) = try await Self.cloneThroughRedirect(fixture, challengeFirst: false)
            #expect(error?.code == .auth)
            #expect(error?.message.contains("redirected to another host") == true, "\(String(describing: error))")
            #expect(error.map { !"\($0)".contains(fixture.token) } == true)
            #expect(reached.requests == reached[.challenge].requests, "an authenticated request reached the other host")
            #expect(authorizations.allSatisfy { $0 == nil })
        }
    }

    @Test("a remote that asks for the token itself and then redirects keeps it; the other host gets none")
    func authenticatedRedirectKeepsTheToken() async throws {
        try await GitFixture.with { fixture in
            let (error, reached, _) = try await Self.cloneThroughRedirect(fixture, challengeFirst: true)
            #expect(error?.code == .auth)
            #expect(reached.requests == reached[.challenge].requests, "an authenticated request reached the other host")
        }
    }

    /// Clones through a server that redirects every request to the fixture's git server under another host name
    /// (a different origin for libgit2 and for Conveyor), asking for credentials itself first when `challengeFirst`;
    /// returns the clone's error, what reached the git server, and the `Authorization` headers the redirecting
    /// server saw.
    private static func cloneThroughRedirect(_ fixture: GitFixture, challengeFirst: Bool) async throws -> (
        error: GitError?, reached: GitRequestTally, authorizations: [String?]
    ) {
        let port = try #require(fixture.server.port)
        let redirector = try await RedirectingHTTPServer.start(
            to: "http://localhost:\(port)", challengeFirst: challengeFirst)
        let before = fixture.server.tally
        let error = await #expect(throws: GitError.self) {
            _ = try await Repository.clone(
                from: try redirector.url(path: "/project.git"), to: fixture.scratch.appending("redirected"),
                credentials: fixture.credentials)
        }
        await redirector.stop()
        return (error, fixture.server.tally.since(before), redirector.authorizations)
    }
}
