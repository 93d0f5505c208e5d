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
