import Documents
import Foundation
import Pipeline

/// Compares the generated files of a checkout (each `docs/_docset/issues/issue-<N>.yaml` and
/// `docs/_index/issue-map.md`) with what ``GeneratedFiles`` writes from the same documents, so a hand edit, a stale
/// file or a missing one is a finding.
///
/// A docset keeps the stage it was generated for (a run names its stage), so each docset is regenerated for the
/// `stage:` its committed file names; only a docset of a work item without one takes the stage its documents
/// reach. A missing generated file is reported only in a repository that has an issue map (one that uses them).
struct GeneratedFileCheck {
    let root: URL
    let pipeline: Pipeline

    private static let docSetFolder = "docs/_docset/issues"

    func findings() -> [DocAuditFinding] {
        let mapText = text(at: IssueMap.path)
        let numbers = WorkItemFolder.workItemNumbers(in: root)
        var findings: [DocAuditFinding] = []
        var docSets: [DocSet] = []
        for number in numbers {
            let path = DocSet.path(forWorkItem: number)
            let committed = text(at: path)
            let stage = committed.flatMap(Self.stage(in:))
            let docSet = DocSet(workItem: number, pipeline: pipeline, repositoryRoot: root, stage: stage)
            docSets.append(docSet)
            guard let expected = try? docSet.yaml() else { continue }
            if let committed {
                if let finding = Self.compare(committed, expected, path: path) { findings.append(finding) }
            } else if mapText != nil, !WorkItemFolder(workItem: number, repositoryRoot: root).files.isEmpty {
                findings.append(
                    DocAuditFinding(
                        .generatedFile, file: WorkItemFolder.path(forWorkItem: number), line: 1,
                        "Work item \(number) has documents but no generated docset `\(path)`. Run the work item's "
                            + "stage with Conveyor (it writes the file), or add the file as Conveyor generates it."))
            }
        }
        for orphan in orphanDocSets(known: Set(numbers)) {
            findings.append(
                DocAuditFinding(
                    .generatedFile, file: orphan, line: 1,
                    "`\(orphan)` is a generated docset of a work item that has no folder under `docs/work-items/`. "
                        + "Delete it, or restore the work item's documents."))
        }
        if let mapText, let finding = Self.compare(mapText, IssueMap(docSets: docSets).markdown(), path: IssueMap.path)
        {
            findings.append(finding)
        }
        return findings
    }

    private func text(at path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The `stage:` a committed docset names, when it is a stage.
    static func stage(in yaml: String) -> StageName? {
        for line in yaml.split(separator: "\n") where line.hasPrefix("stage:") {
            return StageName(rawValue: line.dropFirst("stage:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A finding at the first line where `committed` and `expected` differ; nil when they are equal.
    static func compare(_ committed: String, _ expected: String, path: String) -> DocAuditFinding? {
        guard committed != expected else { return nil }
        let have = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let index =
            zip(have, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(have.count, want.count)
        let expectedLine = index < want.count ? "`\(want[index].prefix(120))`" : "the end of the file"
        return DocAuditFinding(
            .generatedFile, file: path, line: index + 1,
            "`\(path)` is generated, but it differs from what Conveyor generates from the documents in this pull "
                + "request (line \(index + 1) should be \(expectedLine)): it was edited by hand or not regenerated "
                + "after a document changed. Revert the hand edit, or regenerate it by running the stage again.")
    }

    private func orphanDocSets(known: Set<Int>) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(
                atPath: root.appendingPathComponent(
                    Self.docSetFolder
                ).path)) ?? []
        return names.compactMap { name -> String? in
            guard name.hasPrefix("issue-"), name.hasSuffix(".yaml"),
                let number = Int(name.dropFirst("issue-".count).dropLast(".yaml".count)), !known.contains(number)
            else { return nil }
            return "\(Self.docSetFolder)/\(name)"
        }.sorted()
    }
}
