import ConveyorTestSupport
import Foundation
import Git

/// One test's private world: a scratch directory, a loopback git server with its own token, and a bare
/// repository `project.git` seeded with one commit on `main`.
struct GitFixture {
    let scratch: TemporaryDirectory
    let server: GitHTTPServer
    let token: String
    /// The commit the bare repository's `main` starts at.
    let initialCommit: ObjectID

    /// The identity libgit2 commits as in these tests.
    let author = Signature(name: "Conveyor Bot", email: "bot@conveyor.invalid")

    /// Runs `body` with a fresh fixture and tears the server and the directory down afterwards.
    static func with<Result>(_ body: (GitFixture) async throws -> Result) async throws -> Result {
        try await GitHTTPServer.withScratch(prefix: "git-tests") { server, scratch, token in
            try server.createBareRepository("project")
            let seeded = try server.seed(
                "project",
                files: ["README.md": "# Project\n", "docs/guide/intro.md": "Hello from the CLI.\n"],
                message: "Initial commit")
            return try await body(
                GitFixture(scratch: scratch, server: server, token: token, initialCommit: try requireID(seeded)))
        }
    }

    /// The remote URL of `project.git`.
    var remote: URL {
        get throws { try server.url(for: "project") }
    }

    /// The bare repository's directory, for inspecting it with the git CLI.
    var bare: URL { server.directory(for: "project") }

    /// Valid credentials for the server.
    var credentials: Credentials { .token(token) }

    /// Clones `project.git` with the right token into a fresh directory named `name`.
    func clone(_ name: String, bare: Bool = false) async throws -> Repository {
        try await Repository.clone(
            from: remote, to: scratch.appending(name), credentials: credentials, bare: bare)
    }
}

/// Parses a 40-hex id printed by the git CLI, failing the test with the text when it is not one.
func requireID(_ text: String) throws -> ObjectID {
    guard let id = ObjectID(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw FixtureError.notAnObjectID(text)
    }
    return id
}

/// Fixture set-up failures.
enum FixtureError: Error, CustomStringConvertible {
    case notAnObjectID(String)

    var description: String {
        switch self {
        case .notAnObjectID(let text): "git printed `\(text)` where an object id was expected"
        }
    }
}
