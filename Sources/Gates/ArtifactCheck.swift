import Documents
import Foundation
import Pipeline

/// The artifact part of a gate: each required document of a stage, read once, with a reason for every problem.
struct ArtifactCheck {
    let stage: StageDefinition
    let workItem: Int
    let workTree: URL
    /// The required documents whose frontmatter is valid, by path.
    private(set) var documents: [String: ArtifactDocument] = [:]
    /// Every problem found.
    private(set) var reasons: [GateReason] = []

    init(stage: StageDefinition, workItem: Int, workTree: URL) {
        self.stage = stage
        self.workItem = workItem
        self.workTree = workTree
        for requirement in stage.artifacts {
            check(requirement)
        }
    }

    private mutating func check(_ requirement: ArtifactRequirement) {
        let path = requirement.path(forWorkItem: workItem)
        guard FileManager.default.fileExists(atPath: workTree.appendingPathComponent(path).path) else {
            reasons.append(
                GateReason(
                    code: .missingArtifact, path: path,
                    message: "Stage `\(stage.name)` must produce `\(path)` (type `\(requirement.type)`), but it "
                        + "does not exist. Write it with the frontmatter keys "
                        + "\(GateEvaluator.list(requirement.requiredKeys))."))
            return
        }
        let document: ArtifactDocument
        do {
            document = try ArtifactDocument.read(path: path, in: workTree)
        } catch {
            reasons += error.problems.map {
                GateReason(code: .invalidFrontmatter, path: path, line: $0.line, message: $0.message)
            }
            return
        }
        documents[path] = document
        reasons += keyReasons(document.frontmatter, requirement: requirement, path: path)
    }

    private func keyReasons(_ frontmatter: Frontmatter, requirement: ArtifactRequirement, path: String)
        -> [GateReason]
    {
        var found = requirement.requiredKeys.filter { !frontmatter.hasValue(forKey: $0) }.map { key in
            GateReason(
                code: .missingKey, path: path,
                message: "`\(path)` has no `\(key)` in its frontmatter, which stage `\(stage.name)` requires. "
                    + "Add `\(key): …` between the `---` lines.")
        }
        var mismatches: [(key: String, found: String, expected: String)] = []
        if frontmatter.type != requirement.type {
            mismatches.append(("type", frontmatter.type, requirement.type))
        }
        if let number = frontmatter.workItem, number != workItem {
            mismatches.append(("work_item", String(number), String(workItem)))
        }
        if let name = frontmatter.stage, name != stage.name {
            mismatches.append(("stage", name.rawValue, stage.name.rawValue))
        }
        found += mismatches.map { mismatch in
            GateReason(
                code: .mismatchedKey, path: path,
                message: "`\(path)` says `\(mismatch.key): \(mismatch.found)`, but it is required as "
                    + "`\(mismatch.key): \(mismatch.expected)`. Set `\(mismatch.key): \(mismatch.expected)`.")
        }
        return found
    }
}
