import Documents
import Pipeline

// MARK: - Verdict documents

extension ArtifactCheck {
    /// The reasons a `verdict` gate fails: none when the rule's field of its document holds a passing token.
    func verdictReasons(for rule: VerdictRule) -> [GateReason] {
        let source: (path: String, document: ArtifactDocument?)
        if let requirement = stage.artifacts.first(where: { $0.type == rule.documentType }) {
            let path = requirement.path(forWorkItem: workItem)
            let document = documents[path]
            // A required verdict field that is absent has its own `missingKey` reason already.
            if let document, requirement.requiredKeys.contains(rule.field),
                !document.frontmatter.hasValue(forKey: rule.field)
            {
                return []
            }
            source = (path, document)
        } else {
            switch documentOutsideRequirements(ofType: rule.documentType) {
            case .found(let document): source = (document.path, document)
            case .problem(let reason): return [reason]
            }
        }
        guard let document = source.document else {
            return [
                GateReason(
                    code: .verdictFailed, path: source.path,
                    message: "Stage `\(stage.name)` takes its verdict from `\(rule.field)` of `\(source.path)`, "
                        + "which is missing or invalid (see the reasons above). Fix that document first.")
            ]
        }
        let reading = VerdictReader.read(rule, from: document.frontmatter, path: source.path)
        guard !reading.passed else { return [] }
        return [GateReason(code: .verdictFailed, path: source.path, message: reading.reason)]
    }

    /// The one live document of `type` in the work item's folder, when the stage does not list that type.
    private func documentOutsideRequirements(ofType type: String) -> Lookup {
        let folder = WorkItemFolder(workItem: workItem, repositoryRoot: workTree)
        let retired: Set<DocumentStatus> = [.superseded, .abandoned, .obsolete]
        let candidates = folder.documents.filter {
            $0.frontmatter.type == type && !retired.contains($0.frontmatter.status)
        }
        let folderPath = WorkItemFolder.path(forWorkItem: workItem)
        switch candidates.count {
        case 1:
            return .found(candidates[0])
        case 0:
            return .problem(
                GateReason(
                    code: .verdictFailed, path: folderPath,
                    message: "Stage `\(stage.name)` takes its verdict from a document of type `\(type)`, but "
                        + "`\(folderPath)` has none with valid frontmatter. Write one with `type: \(type)`."))
        default:
            let paths = GateEvaluator.list(candidates.map(\.path))
            return .problem(
                GateReason(
                    code: .verdictFailed, path: folderPath,
                    message: "Stage `\(stage.name)` takes its verdict from one document of type `\(type)`, but "
                        + "\(paths) all have it. Mark the older ones `status: superseded`."))
        }
    }

    /// The outcome of looking for a verdict document.
    private enum Lookup {
        case found(ArtifactDocument)
        case problem(GateReason)
    }
}
