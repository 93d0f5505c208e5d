import ConveyorTestSupport
import Foundation
import Git
import Testing

@Suite("Changed paths between commits and the merge base")
struct DiffTests {
    @Test("changedPaths(from:to:) from the merge base equals `git diff --name-only base...head`")
    func changedPathsBetweenCommitsAgreeWithGitDiff() async throws {
        let scratch = try TemporaryDirectory(prefix: "git-diff")
        defer { scratch.remove() }
        let root = scratch.appending("repo")
        try GitCLI.run(["init", "--quiet", "--initial-branch=main", root.path])
        func commit(_ files: [String: String], removing: [String] = [], _ message: String) throws {
            for (path, text) in files {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            for path in removing { try GitCLI.run(["rm", "--quiet", path], in: root) }
            try GitCLI.run(["add", "--all"], in: root)
            try GitCLI.run(["commit", "--quiet", "--message", message], in: root)
        }
        try commit(["README.md": "# A\n", "docs/a.md": "a\n", "src/old.swift": "old\n"], "base")
        try GitCLI.run(["checkout", "--quiet", "-b", "feature"], in: root)
        try commit(["docs/a.md": "a2\n", "src/new/deep.swift": "new\n"], removing: ["src/old.swift"], "change")
        try GitCLI.run(["checkout", "--quiet", "main"], in: root)
        try commit(["README.md": "# B\n"], "main moves on")

        let repository = try await Repository.open(at: root)
        let base = try #require(try await repository.mergeBase("main", "feature"))
        #expect(base.description == (try GitCLI.run(["merge-base", "main", "feature"], in: root)))
        let paths = try await repository.changedPaths(from: base.description, to: "feature")
        #expect(paths == ["docs/a.md", "src/new/deep.swift", "src/old.swift"])
        let cli = try GitCLI.run(["diff", "--name-only", "main...feature"], in: root).split(separator: "\n")
        #expect(paths == cli.map(String.init).sorted())
        #expect(try await repository.changedPaths(from: "feature", to: "feature").isEmpty)

        try GitCLI.run(["checkout", "--quiet", "--orphan", "unrelated"], in: root)
        try GitCLI.run(["rm", "-r", "--quiet", "--cached", "."], in: root)
        try commit(["other.md": "x\n"], "unrelated history")
        #expect(try await repository.mergeBase("main", "unrelated") == nil)
    }
}
