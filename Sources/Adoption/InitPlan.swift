import Foundation

/// What `conveyor init` does to each file, decided before anything is written so `--dry-run` shows exactly that.
///
/// A file counts as *edited* when it differs from what init would write now **and** from what init wrote last
/// time; what init wrote is remembered in ``manifestPath`` (one `fnv1a64 path` line per file, like `sha256sum`).
/// An edited file is kept unless `force` is set; a file init wrote and nobody changed is brought up to date.
public struct InitPlan: Sendable {
    /// The manifest of what init wrote, relative to the repository root.
    public static let manifestPath = ".conveyor/init.sums"

    /// One file init would write.
    public struct File: Sendable, Hashable {
        /// Repository-relative path, `/`-separated.
        public let path: String
        /// The full text.
        public let text: String

        /// Creates a value.
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// What happens to one file.
    public enum Action: String, Sendable, Hashable, Encodable {
        /// Absent: written.
        case create
        /// Written by an earlier init and unchanged since; written again with the new text.
        case update
        /// Already has this text; left as it is.
        case unchanged
        /// Changed by someone since init wrote it (or not written by init); left as it is without `--force`.
        case keepEdited = "keep-edited"
        /// Changed by someone, and `--force` was given: replaced.
        case overwrite
    }

    /// One file's decision, with the text on disk for the diff.
    public struct Step: Sendable, Hashable {
        /// The file as init would write it.
        public let file: File
        /// The decision.
        public let action: Action
        /// The text on disk now, nil when absent.
        public let current: String?

        /// True when the step writes the file.
        public var writes: Bool { action == .create || action == .update || action == .overwrite }

        /// A unified diff from the text on disk to init's text (empty when they are equal).
        public var diff: String { LineDiff.unified(from: current ?? "", to: file.text, path: file.path) }
    }

    /// The repository root the paths are under.
    public let root: URL
    /// One step per file, in the order given.
    public let steps: [Step]
    private let recorded: [String: String]

    /// Reads the files under `root` and decides each one's action.
    public init(root: URL, files: [File], force: Bool) {
        self.root = root
        let recorded = Self.readManifest(root.appendingPathComponent(Self.manifestPath))
        self.recorded = recorded
        steps = files.map { file in
            let current = try? String(contentsOf: root.appendingPathComponent(file.path), encoding: .utf8)
            let action: Action
            if let current {
                if current == file.text {
                    action = .unchanged
                } else if recorded[file.path] == Self.fingerprint(current) {
                    action = .update
                } else {
                    action = force ? .overwrite : .keepEdited
                }
            } else {
                action = .create
            }
            return Step(file: file, action: action, current: current)
        }
    }

    /// Writes every step that writes, then the manifest (only when it changed), creating folders as needed.
    ///
    /// - Returns: the paths written, manifest last when written.
    @discardableResult
    public func apply() throws -> [String] {
        var written: [String] = []
        var manifest = recorded
        for step in steps {
            if step.writes {
                try write(step.file.text, to: step.file.path)
                written.append(step.file.path)
            }
            if step.writes || step.action == .unchanged { manifest[step.file.path] = Self.fingerprint(step.file.text) }
        }
        if manifest != recorded {
            let text = manifest.keys.sorted().map { "\(manifest[$0] ?? "")  \($0)" }.joined(separator: "\n") + "\n"
            try write(text, to: Self.manifestPath)
            written.append(Self.manifestPath)
        }
        return written
    }

    private func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// 64-bit FNV-1a of the UTF-8 text, as 16 hex digits: enough to notice an edit, not a security measure.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func readManifest(_ url: URL) -> [String: String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var entries: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            entries[parts[1].trimmingCharacters(in: .whitespaces)] = String(parts[0])
        }
        return entries
    }
}
