import Foundation

/// A Markdown artifact: where it lives, its frontmatter and the Markdown after it.
public struct ArtifactDocument: Sendable, Hashable {
    /// The path relative to the repository root, e.g. `docs/work-items/12/intake/brief.md`.
    public var path: String
    /// The parsed frontmatter.
    public var frontmatter: Frontmatter
    /// Everything after the closing `---` line.
    public var body: String

    /// Creates a document from its parts.
    public init(path: String, frontmatter: Frontmatter, body: String) {
        self.path = path
        self.frontmatter = frontmatter
        self.body = body
    }

    /// Parses `text`, the contents of the file at `path` (used in problem messages).
    ///
    /// - Throws: ``FrontmatterError`` naming each problem's line: no frontmatter, unterminated block, invalid YAML,
    ///   a missing `doc_id` / `type` / `status`, a value of the wrong type, or an unknown status token.
    public static func parse(_ text: String, path: String) throws(FrontmatterError) -> ArtifactDocument {
        let block = try FrontmatterBlock(splitting: text, file: path)
        var reader = FrontmatterReader(file: path)
        let frontmatter = try reader.read(block.yaml)
        return ArtifactDocument(path: path, frontmatter: frontmatter, body: block.body)
    }

    /// Reads and parses the file at `path`, relative to `root`.
    ///
    /// - Throws: ``FrontmatterError``; code `unreadable` when the file is missing or not UTF-8 text.
    public static func read(path: String, in root: URL) throws(FrontmatterError) -> ArtifactDocument {
        let url = root.appendingPathComponent(path)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FrontmatterError(
                .unreadable, file: path, line: 1,
                "`\(path)` could not be read as UTF-8 text (\(error.localizedDescription)). "
                    + "Check that the file exists and save it as UTF-8 Markdown.")
        }
        return try parse(text, path: path)
    }

    /// The file's text: `---`, the frontmatter in ``Frontmatter/commonKeyOrder`` then sorted extra keys, `---`,
    /// then the body. The same document always renders to the same bytes.
    ///
    /// - Throws: ``FrontmatterError`` with code `unrenderable` if Yams cannot emit a value.
    public func rendered() throws(FrontmatterError) -> String {
        "---\n" + (try frontmatter.yaml(file: path)) + "---\n" + body
    }

    /// Writes ``rendered()`` to `path` under `root`, creating folders as needed.
    ///
    /// - Throws: ``FrontmatterError`` with code `unrenderable`, or `unwritable` when the file cannot be written.
    public func write(in root: URL) throws(FrontmatterError) {
        try TextFile.write(try rendered(), to: path, in: root)
    }
}
