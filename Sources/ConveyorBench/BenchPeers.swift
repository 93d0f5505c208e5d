import ConveyorTestSupport
import Foundation

/// The loopback peers a benchmark of the built `conveyor` talks to: a scratch directory, the test git server and
/// the fake forge, both accepting one fresh token.
struct BenchPeers {
    let scratch: TemporaryDirectory
    let git: GitHTTPServer
    let forge: FakeForge
    let token: String

    /// Starts the peers in a scratch directory named after `prefix`, runs `body`, then stops them and removes the
    /// directory, whether `body` threw or not.
    static func with(prefix: String, _ body: (BenchPeers) async throws -> Void) async throws {
        let scratch = try TemporaryDirectory(prefix: prefix)
        defer { scratch.remove() }
        let token = "bench-\(UUID().uuidString)"
        let git = GitHTTPServer(root: scratch.appending("served"), token: token)
        try FileManager.default.createDirectory(at: git.root, withIntermediateDirectories: true)
        try await git.start()
        let forge: FakeForge
        do {
            forge = try await FakeForge.start(token: token)
        } catch {
            await git.stop()
            throw error
        }
        do {
            try await body(BenchPeers(scratch: scratch, git: git, forge: forge, token: token))
        } catch {
            await forge.stop()
            await git.stop()
            throw error
        }
        await forge.stop()
        await git.stop()
    }
}
