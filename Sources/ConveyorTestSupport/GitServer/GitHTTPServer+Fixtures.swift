import Foundation

extension GitHTTPServer {
    /// Creates an empty bare repository `NAME.git` under ``root`` whose HEAD names `initialBranch`.
    @discardableResult
    public func createBareRepository(_ name: String, initialBranch: String = "main") throws -> URL {
        let directory = directory(for: name)
        try GitCLI.run(["init", "--quiet", "--bare", "--initial-branch=\(initialBranch)", directory.path])
        return directory
    }

    /// Commits `files` (path → text, nested paths allowed) on top of `branch` of the bare repository `name`
    /// with the git CLI, and returns the new commit id.
    ///
    /// Works on a scratch clone and pushes to the bare repository's directory, so the server is not involved.
    @discardableResult
    public func seed(
        _ name: String, files: [String: String], message: String, branch: String = "main"
    ) throws -> String {
        let bare = directory(for: name)
        let scratch = try TemporaryDirectory(prefix: "seed")
        defer { scratch.remove() }
        let work = scratch.url
        try GitCLI.run(["init", "--quiet", "--initial-branch=\(branch)", work.path])
        let existing = try GitCLI.attempt(["fetch", "--quiet", bare.path, "refs/heads/\(branch)"], in: work)
        if existing.succeeded {
            try GitCLI.run(["reset", "--quiet", "--hard", "FETCH_HEAD"], in: work)
        }
        for (path, text) in files {
            let file = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        try GitCLI.run(["add", "--all"], in: work)
        try GitCLI.run(["commit", "--quiet", "--allow-empty", "--message", message], in: work)
        try GitCLI.run(["push", "--quiet", bare.path, "HEAD:refs/heads/\(branch)"], in: work)
        return try GitCLI.run(["rev-parse", "HEAD"], in: work)
    }
}
