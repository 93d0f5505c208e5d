import Foundation

/// A directory under the system temporary folder that is removed when ``remove()`` is called.
///
/// Tests create one per test so that nothing leaks between them:
/// ```swift
/// let scratch = try TemporaryDirectory(prefix: "clone")
/// defer { scratch.remove() }
/// ```
public struct TemporaryDirectory: Sendable {
    /// The directory's absolute URL.
    public let url: URL

    /// Creates a fresh, empty directory whose name starts with `prefix`.
    public init(prefix: String = "conveyor") throws {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8))"
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The directory's absolute path.
    public var path: String { url.path }

    /// A URL for `name` inside the directory.
    public func appending(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Removes the directory and everything in it; errors are ignored.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
