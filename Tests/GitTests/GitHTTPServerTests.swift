import ConveyorTestSupport
import Foundation
import Testing

@Suite("The loopback smart-HTTP server speaks to the real git CLI", .timeLimit(.minutes(2)))
struct GitHTTPServerTests {
    @Test("the git CLI clones, and pushes a pack over 1 MiB (a chunked, streamed request body)")
    func cliRoundTrip() async throws {
        try await GitFixture.with { fixture in
            let remote = try Self.url(try fixture.remote, user: "cli", password: fixture.token)
            let work = fixture.scratch.appending("cli-work")
            try await GitCLI.runDetached(["clone", "--quiet", remote.absoluteString, work.path])
            #expect(try String(contentsOf: work.appendingPathComponent("README.md"), encoding: .utf8) == "# Project\n")

            var generator = SystemRandomNumberGenerator()
            let noise = Data((0..<(3 << 19)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try noise.write(to: work.appendingPathComponent("noise.bin"))
            try GitCLI.run(["add", "noise.bin"], in: work)
            try GitCLI.run(["commit", "--quiet", "--message", "Add noise"], in: work)
            try await GitCLI.runDetached(
                ["-c", "http.postBuffer=65536", "push", "--quiet", "origin", "HEAD:refs/heads/main"], in: work)

            let pushed = try GitCLI.run(["rev-parse", "HEAD"], in: work)
            #expect(try GitCLI.run(["-C", fixture.bare.path, "rev-parse", "main"]) == pushed)
            try GitConsistency.expectClean(fixture.bare)
        }
    }

    @Test("requests without the token get 401 with a Basic challenge", arguments: ["", "wrong-token"])
    func unauthorised(password: String) async throws {
        try await GitFixture.with { fixture in
            var url = try fixture.remote.appendingPathComponent("info/refs")
            url = try #require(URL(string: url.absoluteString + "?service=git-upload-pack"))
            let target = password.isEmpty ? url : try Self.url(url, user: "cli", password: password)
            let output = try await Self.curlHeaders(target)
            #expect(output.contains("HTTP/1.1 401"), "\(output)")
            #expect(output.contains("WWW-Authenticate: Basic realm=\"conveyor-test\""), "\(output)")

            let authorised = try await Self.curlHeaders(try Self.url(url, user: "cli", password: fixture.token))
            #expect(authorised.contains("HTTP/1.1 200"), "\(authorised)")
            #expect(authorised.contains("Content-Type: application/x-git-upload-pack-advertisement"), "\(authorised)")
        }
    }

    /// The response headers curl printed for a GET of `url`, run off the cooperative pool.
    private static func curlHeaders(_ url: URL) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        try ProcessRunner.run([
                            "curl", "--silent", "--max-time", "20", "--dump-header", "-", "--output",
                            "/dev/null", url.absoluteString,
                        ]).stdout
                    })
            }
        }
    }

    private static func url(_ url: URL, user: String, password: String) throws -> URL {
        var components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        components.user = user
        components.password = password
        return try #require(components.url)
    }
}
