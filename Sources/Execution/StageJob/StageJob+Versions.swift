import Documents
import Foundation
import Pipeline
import StateBranch

extension StageJob {
    /// What one of the stage's documents was on the work branch before the agent ran.
    struct EarlierDocument {
        var docID: String?
        var version: Int
        var status: String?
    }

    /// The stage's documents already on the work branch (an earlier round), by path.
    func earlierVersions(in workspace: Workspace) -> [String: EarlierDocument] {
        var found: [String: EarlierDocument] = [:]
        for artifact in request.stage.artifacts {
            let path = artifact.path(forWorkItem: request.workItem.number)
            guard let text = try? String(contentsOf: workspace.root.appendingPathComponent(path), encoding: .utf8)
            else { continue }
            found[path] = EarlierDocument(
                docID: FrontmatterEdit.value(of: "doc_id", in: text),
                version: FrontmatterEdit.value(of: "version", in: text).flatMap(Int.init) ?? 1,
                status: FrontmatterEdit.value(of: "status", in: text))
        }
        return found
    }

    /// A new round of a stage writes new versions: each document that existed before the agent ran gets
    /// `version` one above the earlier one and, when the earlier one was superseded by a rethink,
    /// `supersedes: <doc_id>@v<earlier>`. A resumed run is the same round and changes nothing.
    func stampVersions(in workspace: Workspace, earlier: [String: EarlierDocument]) {
        guard request.mode != .resume else { return }
        for (path, before) in earlier {
            let url = workspace.root.appendingPathComponent(path)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            var values = [(key: "version", value: String(before.version + 1))]
            if before.status == DocumentStatus.superseded.rawValue, let id = before.docID {
                values.append((key: "supersedes", value: "\"\(id)@v\(before.version)\""))
                values.append((key: "superseded_by", value: "null"))
            }
            guard let stamped = FrontmatterEdit.setting(values, in: text) else { continue }
            try? Data(stamped.utf8).write(to: url, options: .atomic)
        }
    }
}
