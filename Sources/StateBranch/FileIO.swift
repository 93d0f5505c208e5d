import Blocking
import Foundation

/// File system calls of the state branch, run on a private serial queue (``Blocking/BlockingQueue``) so they never
/// block a thread of Swift's cooperative pool.
enum FileIO {
    private static let queue = BlockingQueue(label: "conveyor.state-branch.file-io")

    /// Runs `body` on the private queue and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await queue.run(body)
    }

    /// Creates `directory` and its parents when missing.
    static func createDirectory(_ directory: URL) async throws {
        try await run { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    }

    /// Writes `data` to `file`, replacing it.
    static func write(_ data: Data, to file: URL) async throws {
        try await run { try data.write(to: file) }
    }

    /// The contents of `file`.
    static func read(_ file: URL) async throws -> Data {
        try await run { try Data(contentsOf: file) }
    }

    /// Removes `file` and SQLite's journal beside it; missing files are fine.
    static func removeDatabaseFile(_ file: URL) async {
        _ = try? await run {
            for path in [file.path, file.path + "-journal"] where FileManager.default.fileExists(atPath: path) {
                try FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// True when a file or directory exists at `url`.
    static func exists(_ url: URL) async -> Bool {
        (try? await run { FileManager.default.fileExists(atPath: url.path) }) ?? false
    }
}
