import Foundation

/// Generates a `git fast-import` stream: one commit adding every file, then commits that each rewrite a slice of
/// them, so the history has real deltas. Deterministic, so every run benchmarks the same repository.
public enum FastImportStream {
    /// A stream for `files` files (in 50 directories) and `commits` commits on `refs/heads/main`.
    public static func make(files: Int, commits: Int) -> Data {
        var stream = Data()
        let perCommit = max(1, files / max(1, commits))
        for commit in 1...max(1, commits) {
            let time = 1_700_000_000 + commit * 60
            stream.append("commit refs/heads/main\nmark :\(commit)\n")
            stream.append("author Bench <bench@conveyor.invalid> \(time) +0000\n")
            stream.append("committer Bench <bench@conveyor.invalid> \(time) +0000\n")
            appendData("Commit \(commit)\n", to: &stream)
            if commit > 1 { stream.append("from :\(commit - 1)\n") }
            let first = (commit - 2) * perCommit % max(1, files)
            let changed = commit == 1 ? 0..<files : first..<min(files, first + perCommit)
            for file in changed {
                stream.append("M 100644 inline \(path(file))\n")
                appendData(contents(file: file, revision: commit), to: &stream)
            }
            stream.append("\n")
        }
        return stream
    }

    private static func path(_ file: Int) -> String {
        "src/module\(file % 50)/file\(file).txt"
    }

    /// A few hundred bytes of text that differ per file and per revision.
    private static func contents(file: Int, revision: Int) -> String {
        var state = UInt64(truncatingIfNeeded: file &* 2_654_435_761 &+ revision &* 40_503)
        var lines = ["// file \(file), revision \(revision)"]
        for line in 0..<8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            lines.append("let value\(line) = \(state >> 20) // \(String(state, radix: 36))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func appendData(_ text: String, to stream: inout Data) {
        let bytes = Data(text.utf8)
        stream.append("data \(bytes.count)\n")
        stream.append(bytes)
        stream.append("\n")
    }
}

extension Data {
    fileprivate mutating func append(_ text: String) {
        append(contentsOf: Array(text.utf8))
    }
}
