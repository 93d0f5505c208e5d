import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("Commits on an orphan branch leave the working tree and index alone", .timeLimit(.minutes(2)))
struct OrphanCommitTests {
    @Test("an orphan commit in a clone has no parents, keeps git status clean, and pushes", arguments: [false, true])
    func orphanCommit(bare: Bool) async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone(bare ? "bare-clone" : "clone", bare: bare)
            let statusBefore = try Self.status(of: clone.location, bare: bare)
            let headBefore = try GitCLI.run(["-C", clone.location.path, "rev-parse", "HEAD"])
            #expect(try await clone.resolve("conveyor/state") == nil)

            let state = try await clone.commit(
                ["state/runs/42.json": Data("{\"stage\":\"plan\"}\n".utf8), "state/index.json": Data("{}\n".utf8)],
                onto: "conveyor/state", message: "Record run 42", author: fixture.author)

            try GitConsistency.expectAgrees(
                clone.location, ref: "conveyor/state", head: state, parents: [], subject: "Record run 42",
                author: fixture.author)
            #expect(try Self.status(of: clone.location, bare: bare) == statusBefore)
            #expect(try GitCLI.run(["-C", clone.location.path, "rev-parse", "HEAD"]) == headBefore)
            let written = bare ? "index" : "state"
            let wroteToDisk = FileManager.default.fileExists(
                atPath: clone.location.appendingPathComponent(written).path)
            #expect(!wroteToDisk, "the commit wrote `\(written)` next to the repository")

            let outcome = try await clone.push(
                "conveyor/state", to: "conveyor/state", remote: fixture.remote, credentials: fixture.credentials)
            #expect(outcome == .pushed)
            try GitConsistency.expectAgrees(
                fixture.bare, ref: "conveyor/state", head: state, parents: [], subject: "Record run 42",
                author: fixture.author)
            #expect(try GitConsistency.log(fixture.bare, "conveyor/state").count == 1)
            let stored = try GitCLI.run(["-C", fixture.bare.path, "show", "conveyor/state:state/runs/42.json"])
            #expect(stored == "{\"stage\":\"plan\"}")

            let next = try await clone.commit(
                ["state/index.json": Data("{\"runs\":[42]}\n".utf8)], onto: "conveyor/state", message: "Index run 42",
                author: fixture.author)
            try GitConsistency.expectAgrees(
                clone.location, ref: "conveyor/state", head: next, parents: [state], subject: "Index run 42",
                author: fixture.author)
            #expect(try Self.status(of: clone.location, bare: bare) == statusBefore)
        }
    }

    @Test("an orphan commit in a freshly initialised bare repository")
    func orphanInFreshBareRepository() async throws {
        let scratch = try TemporaryDirectory(prefix: "git-orphan")
        defer { scratch.remove() }
        let repository = try await Repository.initialize(at: scratch.appending("state.git"), bare: true)
        let author = Signature(name: "Conveyor Bot", email: "bot@conveyor.invalid")
        let commit = try await repository.commit(
            ["a/b/c.md": Data("c\n".utf8)], onto: "refs/heads/conveyor/state", message: "Start", author: author)
        try GitConsistency.expectAgrees(
            repository.location, ref: "conveyor/state", head: commit, parents: [], subject: "Start", author: author)
    }

    /// `git status --porcelain` in a working tree; the local `main` in a bare repository (no tree, no index).
    private static func status(of location: URL, bare: Bool) throws -> String {
        if bare {
            return try GitCLI.run([
                "-C", location.path, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/main",
            ])
        }
        return try GitCLI.run(["-C", location.path, "status", "--porcelain", "--untracked-files=all"])
    }
}
