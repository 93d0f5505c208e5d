import ConveyorTestSupport
import Foundation

/// Builds artifact files for tests.
enum DocumentFixtures {
    /// A Markdown artifact with the common frontmatter keys and `extraLines` appended to the block.
    static func artifact(
        docID: String, type: String, status: String = "draft", stage: String = "intake", workItem: Int = 12,
        extraLines: [String] = [], body: String = "# Title\n\nSome prose.\n"
    ) -> String {
        let lines =
            [
                "---", "doc_id: \(docID)", "type: \(type)", "status: \(status)", "owner_role: pm", "stage: \(stage)",
                "work_item: \(workItem)",
            ] + extraLines + ["---"]
        return lines.joined(separator: "\n") + "\n" + body
    }

    /// Writes `text` to `path` under `root`, creating folders.
    static func write(_ text: String, to path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The text of `path` under `root`.
    static func read(_ path: String, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}
