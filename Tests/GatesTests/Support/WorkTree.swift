import ConveyorTestSupport
import Foundation
import Pipeline

/// A scratch work tree with the artifacts of one work item written into it.
struct WorkTree {
    let directory: TemporaryDirectory
    let workItem: Int

    var url: URL { directory.url }

    init(workItem: Int = 12) throws {
        directory = try TemporaryDirectory(prefix: "gate")
        self.workItem = workItem
    }

    func remove() { directory.remove() }

    /// Writes `text` at `path`, creating folders.
    func write(_ text: String, at path: String) throws {
        let url = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Deletes the file at `path`.
    func delete(_ path: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(path))
    }

    /// A minimal compliant document for `requirement` of `stage`, with `extraLines` added to its frontmatter.
    func document(for requirement: ArtifactRequirement, stage: StageName, extraLines: [String] = []) -> String {
        var values: [String: String] = [
            "doc_id": "\(requirement.type.uppercased())-\(workItem)", "type": requirement.type, "status": "draft",
            "owner_role": "pm", "stage": stage.rawValue, "work_item": String(workItem), "related_prs": "[]",
            "related_issues": "[\(workItem)]", "release": "v1.0.0",
        ]
        let overridden = Set(extraLines.compactMap { $0.split(separator: ":").first.map(String.init) })
        values = values.filter { !overridden.contains($0.key) }
        let keys = requirement.requiredKeys.filter { values[$0] != nil }
        let lines = ["---"] + keys.map { "\($0): \(values[$0] ?? "")" } + extraLines + ["---"]
        return lines.joined(separator: "\n") + "\n# \(requirement.type)\n\nProse that never counts as a verdict.\n"
    }

    /// Writes a compliant document for every artifact of `stage`; `extraLines` by type.
    func writeArtifacts(of stage: StageDefinition, extraLines: [String: [String]] = [:]) throws {
        for requirement in stage.artifacts {
            let text = document(for: requirement, stage: stage.name, extraLines: extraLines[requirement.type] ?? [])
            try write(text, at: requirement.path(forWorkItem: workItem))
        }
    }
}
