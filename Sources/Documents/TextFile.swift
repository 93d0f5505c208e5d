import Foundation

/// Writes Conveyor's own text files (rewritten documents, the docset, the issue map).
enum TextFile {
    /// Writes `text` atomically to `path` under `root`, creating folders as needed.
    ///
    /// - Throws: ``FrontmatterError`` with code `unwritable`, naming the path.
    static func write(_ text: String, to path: String, in root: URL) throws(FrontmatterError) {
        let url = root.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw FrontmatterError(
                .unwritable, file: path, line: 1,
                "`\(path)` could not be written (\(error.localizedDescription)). "
                    + "Check that the folder is writable and the disk is not full.")
        }
    }
}
