import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("The token never follows a redirect to another host", .timeLimit(.minutes(2)))
struct RedirectTests {
    @Test("a remote that redirects to another host gets no token, and the other host gets none either")
    func redirectToAnotherHostGetsNoToken() async throws {
        try await GitFixture.with { fixture in
            let port = try #require(fixture.server.port)
            // The same git server under another host name: a different origin for libgit2 and for Conveyor.
            let redirector = try await RedirectingHTTPServer.start(to: "http://localhost:\(port)")
            let before = fixture.server.tally
            let error = await #expect(throws: GitError.self) {
                _ = try await Repository.clone(
                    from: try redirector.url(path: "/project.git"), to: fixture.scratch.appending("redirected"),
                    credentials: fixture.credentials)
            }
            await redirector.stop()
            #expect(error?.code == .auth)
            #expect(error?.message.contains("redirected to another host") == true, "\(String(describing: error))")
            #expect(error.map { !"\($0)".contains(fixture.token) } == true)
            let reached = fixture.server.tally.since(before)
            #expect(reached.requests == reached[.challenge].requests, "an authenticated request reached the other host")
            #expect(redirector.authorizations.allSatisfy { $0 == nil })
        }
    }

    @Test("a remote that asks for the token itself and then redirects keeps it; the other host gets none")
    func authenticatedRedirectKeepsTheToken() async throws {
        try await GitFixture.with { fixture in
            let port = try #require(fixture.server.port)
            let redirector = try await RedirectingHTTPServer.start(
                to: "http://localhost:\(port)", challengeFirst: true)
            let before = fixture.server.tally
            let error = await #expect(throws: GitError.self) {
                _ = try await Repository.clone(
                    from: try redirector.url(path: "/project.git"), to: fixture.scratch.appending("redirected"),
                    credentials: fixture.credentials)
            }
            await redirector.stop()
            #expect(error?.code == .auth)
            let reached = fixture.server.tally.since(before)
            #expect(reached.requests == reached[.challenge].requests, "an authenticated request reached the other host")
        }
    }
}
