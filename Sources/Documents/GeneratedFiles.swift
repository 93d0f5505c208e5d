import Foundation
import Pipeline

/// Writes the generated files of design §4, the docset of a work item and the issue map, so they are never edited
/// by hand.
public enum GeneratedFiles {
    /// Regenerates `docs/_docset/issues/issue-<workItem>.yaml` and `docs/_index/issue-map.md` in `repositoryRoot`.
    ///
    /// - Parameters:
    ///   - stage: the stage the work item has reached; nil derives it from the documents (see ``DocSet``).
    /// - Returns: the docset written, and the repository-relative paths of both files.
    /// - Throws: ``FrontmatterError`` with code `unrenderable` or `unwritable`.
    @discardableResult
    public static func regenerate(
        workItem: Int, pipeline: Pipeline, repositoryRoot: URL, stage: StageName? = nil
    ) throws(FrontmatterError) -> (docSet: DocSet, paths: [String]) {
        let docSet = DocSet(workItem: workItem, pipeline: pipeline, repositoryRoot: repositoryRoot, stage: stage)
        let docSetPath = DocSet.path(forWorkItem: workItem)
        try TextFile.write(try docSet.yaml(), to: docSetPath, in: repositoryRoot)
        // The item being run keeps the stage the caller named, even if its documents say otherwise.
        let others = IssueMap(pipeline: pipeline, repositoryRoot: repositoryRoot).docSets.filter {
            $0.workItem != workItem
        }
        let map = IssueMap(docSets: others + [docSet])
        try TextFile.write(map.markdown(), to: IssueMap.path, in: repositoryRoot)
        return (docSet, [docSetPath, IssueMap.path])
    }
}
