import Foundation

/// Keeps the offline agent's writes inside the work tree, even through symbolic links a repository may contain.
enum WorkTreePath {
    /// The absolute URL of `relativePath` in `root`, or nil when it would land outside `root`: an absolute path,
    /// `..` that climbs out, or an existing directory on the way that is a link to somewhere else.
    static func resolve(_ relativePath: String, in root: URL) -> URL? {
        let base = root.standardizedFileURL
        let url = base.appendingPathComponent(relativePath).standardizedFileURL
        guard !relativePath.hasPrefix("/"), isInside(url.path, base.path) else { return nil }
        var existing = url.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: existing.path), existing.path.count > base.path.count {
            existing.deleteLastPathComponent()
        }
        let realBase = base.resolvingSymlinksInPath().path
        let realExisting = existing.resolvingSymlinksInPath().path
        guard realExisting == realBase || isInside(realExisting, realBase) else { return nil }
        return url
    }

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
