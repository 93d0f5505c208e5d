import Foundation
import Pipeline

/// The Markdown documents of one work item, found under `docs/work-items/<N>/`.
public struct WorkItemFolder: Sendable, Hashable {
    /// One Markdown file of the folder, parsed or rejected.
    public struct File: Sendable, Hashable {
        /// The path relative to the repository root.
        public let path: String
        /// The document, or why its frontmatter was rejected.
        public let result: Result<ArtifactDocument, FrontmatterError>

        /// The document when its frontmatter is valid.
        public var document: ArtifactDocument? { try? result.get() }
    }

    /// The work item number.
    public let workItem: Int
    /// Every `.md` file below the folder, sorted by path.
    public let files: [File]

    /// The folder of work item `number` relative to the repository root, e.g. `docs/work-items/12`.
    public static func path(forWorkItem number: Int) -> String {
        ArtifactRequirement.workItemFolder.replacingOccurrences(
            of: ArtifactRequirement.workItemPlaceholder, with: String(number))
    }

    /// Reads every Markdown file below the folder of `workItem` in `repositoryRoot`; an absent folder has none.
    public init(workItem: Int, repositoryRoot: URL) {
        self.workItem = workItem
        let folder = Self.path(forWorkItem: workItem)
        files = Self.markdownPaths(under: folder, in: repositoryRoot).map { path in
            File(
                path: path,
                result: Result { () throws(FrontmatterError) in
                    try ArtifactDocument.read(path: path, in: repositoryRoot)
                })
        }
    }

    /// The valid documents, sorted by path.
    public var documents: [ArtifactDocument] { files.compactMap(\.document) }

    /// The valid document at `path`, if any.
    public func document(at path: String) -> ArtifactDocument? {
        files.first { $0.path == path }?.document
    }

    /// The numbers of every work item with a folder under `docs/work-items/` in `repositoryRoot`, ascending.
    public static func workItemNumbers(in repositoryRoot: URL) -> [Int] {
        let parent = repositoryRoot.appendingPathComponent(
            (ArtifactRequirement.workItemFolder as NSString).deletingLastPathComponent)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return names.compactMap { name in
            guard let number = Int(name), number > 0, String(number) == name else { return nil }
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: parent.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? number : nil
        }.sorted()
    }

    /// Repository-relative paths of the `.md` files below `folder`, sorted; symbolic links are not followed.
    private static func markdownPaths(under folder: String, in root: URL) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".md") else { continue }
            let attributes = try? FileManager.default.attributesOfItem(
                atPath: base.appendingPathComponent(relative).path)
            guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            paths.append("\(folder)/\(relative)")
        }
        return paths.sorted()
    }
}
