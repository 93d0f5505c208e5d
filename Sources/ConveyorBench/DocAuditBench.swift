import ConveyorTestSupport
import DocAudit
import Foundation
import Git
import Pipeline

/// `doc-audit`: the deterministic part of a pull request's doc audit on a pull request touching 2,000 files in a
/// repository with 300 documents (frontmatter, links, `related_code`): the changed paths from real history
/// (libgit2 merge base and tree diff) plus every check of ``DocAudit/DocAuditor``. Baseline in the same run:
/// `git diff --name-only base...head` with the git CLI, which only lists the paths. Target: ≤ 5 s.
enum DocAuditBench {
    static let changedFiles = 2_000
    static let documents = 300
    static let repetitions = 5

    static func run() async throws {
        let scratch = try TemporaryDirectory(prefix: "bench-doc-audit")
        defer { scratch.remove() }
        let work = scratch.appending("repo")
        try GitCLI.run(["init", "--quiet", "--initial-branch=main", work.path])
        try write(documentsIn: work)
        try write(codeIn: work, version: 1)
        try GitCLI.run(["add", "--all"], in: work)
        try GitCLI.run(["commit", "--quiet", "--message", "base"], in: work)
        try GitCLI.run(["checkout", "--quiet", "-b", "feature"], in: work)
        try write(codeIn: work, version: 2)
        try GitCLI.run(["add", "--all"], in: work)
        try GitCLI.run(["commit", "--quiet", "--message", "touch 2,000 files"], in: work)

        let repository = try await Repository.open(at: work)
        var audit = Samples()
        var baseline = Samples()
        var report: DocAuditReport?
        for _ in 0..<repetitions {
            try await audit.measure {
                let base = try await repository.mergeBase("main", "feature")
                let changed = try await repository.changedPaths(from: base?.description ?? "main", to: "feature")
                report = DocAuditor(repositoryRoot: work, pipeline: .default, changedPaths: Set(changed)).audit()
            }
            try await baseline.measure {
                try GitCLI.run(["diff", "--name-only", "main...feature"], in: work)
            }
        }
        let format = { (value: Double) in BenchFormat.number(value, digits: 1) }
        print(
            "doc-audit deterministic_median_ms=\(format(audit.median)) deterministic_p95_ms=\(format(audit.p95)) "
                + "git_diff_cli_median_ms=\(format(baseline.median)) "
                + "ratio=\(BenchFormat.number(audit.median / baseline.median, digits: 2)) "
                + "changed=\(report?.changedPaths ?? 0) documents=\(report?.documents ?? 0) "
                + "findings=\(report?.findings.count ?? 0) target<=5000ms runs=\(repetitions)")
    }

    /// 300 documents in 30 work items, each linking a neighbour and an anchor and naming its code in
    /// `related_code`.
    private static func write(documentsIn root: URL) throws {
        for index in 0..<documents {
            let item = index / 10 + 1
            let path = "docs/work-items/\(item)/design/doc-\(index).md"
            let text = """
                ---
                doc_id: DOC-\(index)
                type: note
                status: draft
                owner_role: sa
                stage: design
                work_item: \(item)
                related_code: [Sources/Module\(index % 40)/**]
                ---
                # Document \(index)

                ## Design

                See [the next one](doc-\(index - index % 10 + (index + 1) % 10).md#design) and [above](#design).
                """
            try save(text, at: path, in: root)
        }
    }

    /// 2,000 source files in 40 folders; `version` changes every one.
    private static func write(codeIn root: URL, version: Int) throws {
        for index in 0..<changedFiles {
            try save(
                "// file \(index), version \(version)\nlet value\(index) = \(version)\n",
                at: "Sources/Module\(index % 40)/File\(index).swift", in: root)
        }
    }

    private static func save(_ text: String, at path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
