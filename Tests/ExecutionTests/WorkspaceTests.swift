import ConveyorTestSupport
import Execution
import Foundation
import Git
import Testing

@Suite struct WorkspaceTests {
    @Test func clonesWhenThereIsNoCheckoutThenReusesTheCheckoutAndTheRemoteWorkBranch() async throws {
        try await GitHTTPServer.withScratch(prefix: "workspace") { server, scratch, token in
            try await prepareTwice(server: server, token: token, scratch: scratch)
        }
    }

    private func prepareTwice(server: GitHTTPServer, token: String, scratch: TemporaryDirectory) async throws {
        try server.createBareRepository("app")
        let mainTip = try server.seed("app", files: ["README.md": "# App\n"], message: "Initial commit")
        let remote = try server.url(for: "app")

        let fresh = try await Workspace.prepare(
            remote: remote, credentials: .token(token), baseBranch: "main", workBranch: "conveyor/3-login",
            existingCheckout: scratch.appending("not-a-checkout"), cloneDirectory: scratch.appending("clone"))
        #expect(!fresh.workBranchExisted)
        #expect(fresh.startCommit.description == mainTip)
        #expect(try GitCLI.run(["rev-parse", "--abbrev-ref", "HEAD"], in: fresh.root) == "conveyor/3-login")

        let published = try server.seed(
            "app", files: ["docs/work-items/3/intake/brief.md": "brief\n"], message: "Intake",
            branch: "conveyor/3-login")
        let rerun = try await Workspace.prepare(
            remote: remote, credentials: .token(token), baseBranch: "main", workBranch: "conveyor/3-login",
            existingCheckout: fresh.root, cloneDirectory: scratch.appending("unused"))
        #expect(rerun.workBranchExisted)
        #expect(rerun.root == fresh.root)
        #expect(rerun.startCommit.description == published)
        #expect(
            FileManager.default.fileExists(
                atPath: rerun.root.appendingPathComponent("docs/work-items/3/intake/brief.md").path))
        #expect(!FileManager.default.fileExists(atPath: scratch.appending("unused").path))
    }
}

@Suite struct WorkspaceLeftoverTests {
    @Test("#38 a reused checkout is cleaned of untracked and ignored leftovers before the agent gets it")
    func leftoversAreRemoved() async throws {
        try await GitHTTPServer.withScratch(prefix: "workspace-clean") { server, scratch, token in
            try server.createBareRepository("app")
            _ = try server.seed("app", files: ["README.md": "# App\n", ".gitignore": "build/\n"], message: "Initial")
            let remote = try server.url(for: "app")
            let first = try await Workspace.prepare(
                remote: remote, credentials: .token(token), baseBranch: "main", workBranch: "conveyor/3-a",
                existingCheckout: nil, cloneDirectory: scratch.appending("checkout"))
            let root = first.root
            for leftover in ["stale/notes.md", "build/out.o", "docs/work-items/3/old.md"] {
                let file = root.appendingPathComponent(leftover)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("old\n".utf8).write(to: file)
            }
            try Data("changed\n".utf8).write(to: root.appendingPathComponent("README.md"))

            let reused = try await Workspace.prepare(
                remote: remote, credentials: .token(token), baseBranch: "main", workBranch: "conveyor/3-a",
                existingCheckout: root, cloneDirectory: scratch.appending("unused"))
            #expect(reused.root == root)
            #expect(try GitCLI.run(["status", "--porcelain", "--ignored"], in: root) == "")
            #expect(try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8) == "# App\n")
            #expect(try await reused.repository.changedPaths().isEmpty)
        }
    }
}
