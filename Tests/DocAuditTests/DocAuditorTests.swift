import ConveyorTestSupport
import DocAudit
import Documents
import Foundation
import Pipeline
import Testing

/// The deterministic checks on real files: each check's finding, located at its file and line, and a clean tree
/// with none.
@Suite struct DocAuditorTests {
    /// A valid brief of work item 12.
    static func brief(id: String = "BRF-12", extra: String = "") -> String {
        """
        ---
        doc_id: \(id)
        type: brief
        status: draft
        owner_role: pm
        stage: intake
        work_item: 12
        \(extra)---
        # Brief

        ## Scope of work

        See [the problem](problem.md) and [scope](#scope-of-work).
        """
    }

    /// Writes `files` into a fresh folder and audits it with `changed` as the pull request's paths.
    static func audit(_ files: [String: String], changed: Set<String> = []) throws -> DocAuditReport {
        let scratch = try TemporaryDirectory(prefix: "doc-audit")
        defer { scratch.remove() }
        for (path, text) in files {
            let url = scratch.appending(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return DocAuditor(repositoryRoot: scratch.url, pipeline: .default, changedPaths: changed).audit()
    }

    static let problem = """
        ---
        doc_id: PRB-12
        type: problem
        status: draft
        owner_role: pm
        stage: intake
        work_item: 12
        ---
        # Problem
        """

    @Test func aCleanTreeHasNoFindings() throws {
        let report = try Self.audit([
            "docs/work-items/12/intake/brief.md": Self.brief(),
            "docs/work-items/12/intake/problem.md": Self.problem,
            "docs/guide.md": "# Guide\n\nNo frontmatter here; [home](../README.md).\n",
            "README.md": "# Readme\n",
        ])
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.passed)
        #expect(report.markdownFiles == 3)
        #expect(report.documents == 2)
    }

    @Test func brokenFrontmatterIsAFindingAtItsLine() throws {
        let text = "---\ndoc_id: BRF-12\ntype: brief\nstatus: [draft\n---\n# Brief\n"
        let report = try Self.audit(["docs/work-items/12/intake/brief.md": text])
        let finding = try #require(report.errors.first)
        #expect(finding.kind == .frontmatter)
        #expect(finding.file == "docs/work-items/12/intake/brief.md")
        #expect(finding.line >= 4)
        #expect(!report.passed)
    }

    @Test func anUnknownStatusAndAMissingRequiredKeyAreFindings() throws {
        let report = try Self.audit([
            "docs/a.md": "---\ndoc_id: A\ntype: brief\nstatus: done\n---\n",
            "docs/b.md": "---\ndoc_id: B\ntype: audit-report\nstatus: draft\nowner_role: auditor\n"
                + "stage: doc-audit\nwork_item: 3\nrelated_prs: [3]\n---\n",
        ])
        let status = try #require(report.findings.first { $0.file == "docs/a.md" })
        #expect(status.kind == .frontmatter && status.line == 4 && status.message.contains("done"))
        let missing = try #require(report.findings.first { $0.file == "docs/b.md" })
        #expect(missing.kind == .missingKey && missing.line == 3 && missing.message.contains("`verdict`"))
    }

    @Test func aVerdictOutsideTheTokensIsAFinding() throws {
        let report = try Self.audit([
            "docs/r.md": "---\ndoc_id: R\ntype: audit-report\nstatus: draft\nowner_role: auditor\n"
                + "stage: doc-audit\nwork_item: 3\nrelated_prs: [3]\nverdict: passed_with_concerns\n---\n"
        ])
        let finding = try #require(report.findings.first)
        #expect(finding.kind == .unknownVerdict && finding.line == 9)
        #expect(report.findings.count == 1)
    }

    @Test func duplicateIdsAndOneSidedSupersessionAreFindings() throws {
        let report = try Self.audit([
            "docs/one.md": "---\ndoc_id: X-1\ntype: note\nstatus: superseded\nsuperseded_by: X-2\n---\n",
            "docs/two.md": "---\ndoc_id: X-2\ntype: note\nstatus: draft\n---\n",
            "docs/three.md": "---\ndoc_id: X-1\ntype: note\nstatus: draft\nsupersedes: X-9\n---\n",
        ])
        let kinds = report.findings.map { "\($0.kind.rawValue) \($0.file):\($0.line)" }.sorted()
        #expect(
            kinds == [
                "duplicate-doc-id docs/three.md:2", "supersession docs/one.md:5", "supersession docs/three.md:5",
            ], "\(report.findings)")
    }

    @Test func brokenLinksAndAnchorsAreFindingsButCodeIsNot() throws {
        let guide = """
            # Guide

            ## Doc audits

            [ok](#doc-audits) [bad anchor](#nowhere) [missing](./gone.md) [other](other.md#second-part)
            [web](https://example.com/x.md) [mail](mailto:a@b.c)

            ```
            [in code](missing-in-code.md)
            ```
            `[span](missing-in-span.md)`

            [ref]: ../nothing/here.md
            """
        let report = try Self.audit([
            "docs/guide.md": guide, "docs/other.md": "# Other\n\nSecond part\n-----------\n",
        ])
        let found = report.findings.map { "\($0.kind.rawValue):\($0.line)" }.sorted()
        #expect(found == ["broken-anchor:5", "broken-link:13", "broken-link:5"], "\(report.findings)")
    }

    @Test func aHandEditedDocSetAndIssueMapAreFindings() throws {
        let scratch = try TemporaryDirectory(prefix: "doc-audit-generated")
        defer { scratch.remove() }
        for (path, text) in [
            "docs/work-items/12/intake/brief.md": Self.brief(),
            "docs/work-items/12/intake/problem.md": Self.problem,
        ] {
            let url = scratch.appending(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try GeneratedFiles.regenerate(workItem: 12, pipeline: .default, repositoryRoot: scratch.url, stage: .intake)
        let clean = DocAuditor(repositoryRoot: scratch.url, pipeline: .default, changedPaths: []).audit()
        #expect(clean.findings.isEmpty, "\(clean.findings)")

        let docSet = scratch.appending(DocSet.path(forWorkItem: 12))
        let edited = try String(contentsOf: docSet, encoding: .utf8).replacingOccurrences(
            of: "status: draft", with: "status: approved")
        try Data(edited.utf8).write(to: docSet)
        let report = DocAuditor(repositoryRoot: scratch.url, pipeline: .default, changedPaths: []).audit()
        let finding = try #require(report.findings.first { $0.file == DocSet.path(forWorkItem: 12) })
        #expect(finding.kind == .generatedFile && finding.severity == .error)
        #expect(finding.line > 5 && finding.message.contains("status: draft"))
    }

    @Test func aDocumentReferencingChangedCodeWhileUnchangedIsPossiblyStale() throws {
        let related = Self.brief(extra: "related_code: [Sources/Login/**, Package.swift]\n")
            .replacingOccurrences(of: "[the problem](problem.md)", with: "[the view](../../../../Sources/View.swift)")
        let files = [
            "docs/work-items/12/intake/brief.md": related,
            "Sources/Login/Form.swift": "// form\n", "Sources/View.swift": "// view\n", "Package.swift": "// p\n",
        ]
        let stale = try Self.audit(files, changed: ["Sources/Login/Form.swift", "Sources/View.swift"])
        let finding = try #require(stale.findings.first)
        #expect(finding.kind == .possiblyStale && finding.severity == .warning && finding.line == 8)
        #expect(finding.message.contains("Sources/Login/Form.swift") && finding.message.contains("Sources/View.swift"))
        #expect(stale.passed, "a possibly stale document is a warning")

        let touched = try Self.audit(
            files, changed: ["Sources/Login/Form.swift", "docs/work-items/12/intake/brief.md"])
        #expect(touched.findings.isEmpty, "the document changed with the code: \(touched.findings)")
    }
}
