import Foundation

/// What the repository's commands left in the work tree during the dev loop, so the next attempt's commands start
/// from none of it.
///
/// Build output trusts what it finds: Python's bytecode cache, for one, reuses `__pycache__/*.pyc` when the source's
/// mtime second and size are unchanged, so an agent's fix that keeps both (`a + b` → `a * b` within the second)
/// would be judged by the broken version's bytecode. Ignored files count too: a `.gitignore` hides `__pycache__`
/// from `git status`, not from Python. The mechanism is a walk of the file system, not `git status`:
/// - ``baseline(of:)`` before the first command runs: every path then present stays, whatever it is;
/// - ``recordOutputs(in:)`` after an attempt's commands: each new file (not in the baseline) with its size and
///   modification time;
/// - ``sweep(in:)`` before a later attempt's commands: each recorded file still exactly as the commands left it is
///   removed, then the directories the commands created that are now empty. A file the agent rewrote or created
///   since is the agent's change and is kept.
public struct CommandOutputs: Sendable {
    /// A file's identity for "unchanged since the commands wrote it".
    private struct Stamp: Equatable, Sendable {
        var size: UInt64
        var modified: Date
    }

    private var before: Set<String> = []
    private var directoriesBefore: Set<String> = []
    private var outputs: [String: Stamp] = [:]
    private var createdDirectories: Set<String> = []
    private var started = false

    /// Nothing recorded yet.
    public init() {}

    /// Records every path of `root` (but `.git`) before the first command runs; later calls do nothing.
    public mutating func baseline(of root: URL) {
        guard !started else { return }
        started = true
        let (files, directories) = Self.walk(root)
        before = Set(files.keys)
        directoriesBefore = directories
    }

    /// Records the files the commands created (paths not in the baseline) with their size and modification time.
    public mutating func recordOutputs(in root: URL) {
        guard started else { return }
        let (files, directories) = Self.walk(root)
        for (path, stamp) in files where !before.contains(path) && outputs[path] == nil {
            outputs[path] = stamp
        }
        createdDirectories.formUnion(directories.subtracting(directoriesBefore))
    }

    /// Removes what earlier attempts' commands produced and nobody touched since; returns the paths removed.
    @discardableResult
    public mutating func sweep(in root: URL) -> [String] {
        let manager = FileManager.default
        var removed: [String] = []
        for (path, stamp) in outputs.sorted(by: { $0.key < $1.key }) {
            let url = root.appendingPathComponent(path)
            guard Self.stamp(of: url) == stamp else { continue }
            if (try? manager.removeItem(at: url)) != nil { removed.append(path) }
        }
        outputs = [:]
        // Deepest first, so a parent empties once its children are gone.
        for directory in createdDirectories.sorted(by: { $0.count > $1.count }) {
            let url = root.appendingPathComponent(directory)
            if (try? manager.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
                try? manager.removeItem(at: url)
            }
        }
        createdDirectories = createdDirectories.filter {
            manager.fileExists(atPath: root.appendingPathComponent($0).path)
        }
        return removed
    }

    /// Every file (and symbolic link) under `root` by relative path with its stamp, and every directory; `.git`
    /// left out.
    private static func walk(_ root: URL) -> (files: [String: Stamp], directories: Set<String>) {
        var files: [String: Stamp] = [:]
        var directories = Set<String>()
        let base = root.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey], options: [])
        else { return ([:], []) }
        for case let url as URL in enumerator {
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(prefix) else { continue }
            let path = String(full.dropFirst(prefix.count))
            if path == ".git" || path.hasPrefix(".git/") {
                enumerator.skipDescendants()
                continue
            }
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            if values?.isDirectory == true, values?.isSymbolicLink != true {
                directories.insert(path)
            } else if let stamp = stamp(of: url) {
                files[path] = stamp
            }
        }
        return (files, directories)
    }

    private static func stamp(of url: URL) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = (attributes[.size] as? NSNumber)?.uint64Value,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return Stamp(size: size, modified: modified)
    }
}
