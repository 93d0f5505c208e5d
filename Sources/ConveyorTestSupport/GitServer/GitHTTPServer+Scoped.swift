import Foundation

extension GitHTTPServer {
    /// Runs `body` with a started server over a fresh scratch directory (served repositories live in its
    /// `served` folder) and a fresh token, then stops the server and removes the directory, even when `body`
    /// throws. `requestDelay` is added to every request (see ``GitHTTPServer/requestDelay``).
    public static func withScratch<Result>(
        prefix: String, requestDelay: Duration = .zero,
        _ body: (GitHTTPServer, TemporaryDirectory, String) async throws -> Result
    ) async throws -> Result {
        let scratch = try TemporaryDirectory(prefix: prefix)
        let token = "token-\(UUID().uuidString)"
        let server = GitHTTPServer(root: scratch.appending("served"), token: token, requestDelay: requestDelay)
        do {
            try FileManager.default.createDirectory(at: server.root, withIntermediateDirectories: true)
            try await server.start()
            let result = try await body(server, scratch, token)
            await server.stop()
            scratch.remove()
            return result
        } catch {
            await server.stop()
            scratch.remove()
            throw error
        }
    }
}
