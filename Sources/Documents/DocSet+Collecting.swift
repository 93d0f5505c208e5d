import Foundation
import Pipeline

// MARK: - Building a docset from the repository

extension DocSet {
    /// The docset of `workItem` from its documents under `repositoryRoot` and the requirements of `pipeline`.
    ///
    /// - Parameters:
    ///   - stage: the stage the work item has reached; nil takes the latest pipeline stage named by a valid
    ///     document's `stage`, or the first stage when there is none.
    public init(workItem: Int, pipeline: Pipeline, repositoryRoot: URL, stage: StageName? = nil) {
        self.init(
            folder: WorkItemFolder(workItem: workItem, repositoryRoot: repositoryRoot), pipeline: pipeline, stage: stage
        )
    }

    /// The docset of the documents in `folder` against the requirements of `pipeline`.
    public init(folder: WorkItemFolder, pipeline: Pipeline, stage: StageName? = nil) {
        let documents = folder.documents
        let reached = stage ?? Self.latestStage(of: documents, in: pipeline)
        let applicable = pipeline.stages.prefix { $0.name != reached } + [pipeline[reached]].compactMap { $0 }
        let presentPaths = Set(documents.map(\.path))
        var missing: [Missing] = []
        for definition in applicable {
            for requirement in definition.artifacts {
                let path = requirement.path(forWorkItem: folder.workItem)
                if !presentPaths.contains(path) {
                    missing.append(Missing(stage: definition.name, type: requirement.type, path: path))
                }
            }
        }
        let invalid = folder.files.compactMap { file -> Invalid? in
            guard case .failure(let error) = file.result, let first = error.problems.first else { return nil }
            return Invalid(path: file.path, line: first.line, problem: first.message)
        }
        self.init(
            workItem: folder.workItem, stage: reached, documents: documents.map(Entry.init(document:)),
            missing: missing, invalid: invalid)
    }

    private static func latestStage(of documents: [ArtifactDocument], in pipeline: Pipeline) -> StageName {
        let named = Set(documents.compactMap(\.frontmatter.stage))
        return pipeline.stages.last { named.contains($0.name) }?.name ?? pipeline.stages.first?.name ?? .intake
    }
}

extension DocSet.Entry {
    /// The entry for a parsed document.
    init(document: ArtifactDocument) {
        let frontmatter = document.frontmatter
        self.init(
            path: document.path, docID: frontmatter.docID, type: frontmatter.type, status: frontmatter.status,
            version: frontmatter.version, stage: frontmatter.stage)
    }
}
