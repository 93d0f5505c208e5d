import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("Working tree: changed paths and switching branches")
struct WorkTreeTests {
    @Test("changedPaths lists added, nested untracked, modified and deleted files, as git status does")
    func changedPathsAgreeWithGitStatus() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            let root = clone.location
            #expect(try await clone.changedPaths().isEmpty)
            try Data("changed\n".utf8).write(to: root.appendingPathComponent("README.md"))
            try FileManager.default.removeItem(at: root.appendingPathComponent("docs/guide/intro.md"))
            let nested = root.appendingPathComponent("docs/work-items/7/intake")
            try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
            try Data("# Brief\n".utf8).write(to: nested.appendingPathComponent("brief.md"))

            let paths = try await clone.changedPaths()
            #expect(paths == ["README.md", "docs/guide/intro.md", "docs/work-items/7/intake/brief.md"])
            let porcelain = try GitCLI.run(["status", "--porcelain", "--untracked-files=all"], in: root)
            let cliPaths = porcelain.split(separator: "\n").map { String($0.dropFirst(3)) }.sorted()
            #expect(paths == cliPaths)
        }
    }

    @Test("switchBranch creates a branch at a ref, checks it out and moves HEAD; the CLI agrees")
    func switchBranchChecksOutAndMovesHead() async throws {
        try await GitFixture.with { fixture in
            let clone = try await fixture.clone("work")
            let root = clone.location
            try Data("local edit\n".utf8).write(to: root.appendingPathComponent("README.md"))
            let commit = try await clone.switchBranch("conveyor/7-add-login", to: "origin/main")
            #expect(commit == fixture.initialCommit)
            #expect(try GitCLI.run(["rev-parse", "--abbrev-ref", "HEAD"], in: root) == "conveyor/7-add-login")
            #expect(try await clone.changedPaths().isEmpty, "a forced checkout discards the local edit")
            #expect(try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8) == "# Project\n")

            // Moving an existing branch to another commit works the same way.
            try Data("# Project v2\n".utf8).write(to: root.appendingPathComponent("README.md"))
            let second = try await clone.commit(
                ["README.md": Data("# Project v2\n".utf8)], onto: "conveyor/7-add-login", message: "Second",
                author: fixture.author)
            try await clone.switchBranch("conveyor/7-add-login", to: "origin/main")
            try await clone.switchBranch("conveyor/7-add-login", to: second.description)
            #expect(try GitCLI.run(["rev-parse", "HEAD"], in: root) == second.description)
            try GitConsistency.expectClean(root)
        }
    }
}
