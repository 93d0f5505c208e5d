import Documents
import Foundation
import Gates
import Pipeline

/// The deterministic part of a pull request's doc audit: no agent, no network, no secret; reads a checkout of the
/// pull request's head and the list of paths the pull request changes.
///
/// Checks, each finding located at a file and line with what to fix:
/// - every Markdown file under the docs roots that begins with `---` has frontmatter that parses, with a known
///   `status` and the keys its `type` requires (the pipeline's artifact requirements for that type);
/// - verdict fields (the pipeline's verdict rules, e.g. `verdict` of an `audit-report`) hold a known token;
/// - `doc_id`s are unique; `supersedes` / `superseded_by` name existing documents and agree both ways;
/// - relative links and `#anchors` in those Markdown files resolve in the checkout;
/// - the generated docsets (`docs/_docset/issues/issue-<N>.yaml`) and the issue map (`docs/_index/issue-map.md`)
///   equal what Conveyor generates from the same documents (a hand edit or a stale file is a finding);
/// - a document that references a changed code path (in `related_code` or by a link) and is itself unchanged is
///   reported as possibly stale (a warning).
public struct DocAuditor: Sendable {
    /// The checkout of the pull request's head.
    public var repositoryRoot: URL
    /// Repository-relative folders whose Markdown is audited, e.g. `["docs"]`.
    public var docsRoots: [String]
    /// The pipeline in force (taken from the base branch), for the keys each `type` requires and the verdict rules.
    public var pipeline: Pipeline
    /// The repository-relative paths the pull request adds, modifies or deletes (base..head).
    public var changedPaths: Set<String>

    /// The frontmatter key that lists the code a document describes: paths, folders or globs (`**`, `*`, `?`).
    public static let relatedCodeKey = "related_code"

    /// Creates an auditor.
    public init(repositoryRoot: URL, docsRoots: [String] = ["docs"], pipeline: Pipeline, changedPaths: Set<String>) {
        self.repositoryRoot = repositoryRoot
        self.docsRoots = docsRoots
        self.pipeline = pipeline
        self.changedPaths = changedPaths
    }

    /// One Markdown file read from the checkout.
    struct MarkdownFile {
        let path: String
        let scan: MarkdownScan
        let document: Result<ArtifactDocument, FrontmatterError>?
    }

    /// Runs every check.
    public func audit() -> DocAuditReport {
        let files = markdownFiles()
        var findings: [DocAuditFinding] = []
        let documents = files.compactMap { file -> (MarkdownFile, ArtifactDocument)? in
            guard let result = file.document else { return nil }
            switch result {
            case .success(let document): return (file, document)
            case .failure(let error):
                findings += error.problems.map {
                    DocAuditFinding(.frontmatter, file: $0.file, line: $0.line, $0.message)
                }
                return nil
            }
        }
        findings += documents.flatMap { requiredKeys(of: $1, in: $0) + verdicts(of: $1, in: $0) }
        findings += identities(documents)
        var links = LinkChecker(root: repositoryRoot)
        findings += files.flatMap { links.check($0) }
        findings += GeneratedFileCheck(root: repositoryRoot, pipeline: pipeline).findings()
        findings += staleness(documents, links: &links)
        return DocAuditReport(
            findings: findings, markdownFiles: files.count, documents: files.filter { $0.document != nil }.count,
            changedPaths: changedPaths.count)
    }

    // MARK: - Files

    /// Every regular `.md` file below the docs roots (symbolic links not followed), sorted by path.
    func markdownFiles() -> [MarkdownFile] {
        var paths: [String] = []
        for root in docsRoots {
            let folder = root.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let base = repositoryRoot.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { continue }
            while let relative = enumerator.nextObject() as? String {
                guard relative.hasSuffix(".md"), enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular
                else { continue }
                paths.append(folder.isEmpty ? relative : "\(folder)/\(relative)")
            }
        }
        return Set(paths).sorted().compactMap { path in
            guard let data = FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent(path).path)
            else { return nil }
            let text = String(decoding: data, as: UTF8.self)
            let scan = MarkdownScan(text: text)
            let document: Result<ArtifactDocument, FrontmatterError>? =
                scan.hasFrontmatter
                ? Result { () throws(FrontmatterError) in try ArtifactDocument.parse(text, path: path) } : nil
            return MarkdownFile(path: path, scan: scan, document: document)
        }
    }

    // MARK: - Keys and verdicts

    /// The keys each document type requires, from every stage's artifact requirements.
    private var requiredKeysByType: [String: [String]] {
        var keys: [String: [String]] = [:]
        for requirement in pipeline.stages.flatMap(\.artifacts) {
            keys[requirement.type, default: []] += requirement.requiredKeys.filter {
                !keys[requirement.type, default: []].contains($0)
            }
        }
        return keys
    }

    private func requiredKeys(of document: ArtifactDocument, in file: MarkdownFile) -> [DocAuditFinding] {
        let type = document.frontmatter.type
        let missing = (requiredKeysByType[type] ?? []).filter { !document.frontmatter.hasValue(forKey: $0) }
        guard !missing.isEmpty else { return [] }
        let line = file.scan.frontmatterLine(ofKey: "type") ?? 1
        let names = missing.map { "`\($0)`" }.joined(separator: ", ")
        return [
            DocAuditFinding(
                .missingKey, file: file.path, line: line,
                "A `\(type)` document must carry \(names) in its frontmatter; add "
                    + (missing.count == 1 ? "it" : "them") + " between the `---` lines.")
        ]
    }

    private func verdicts(of document: ArtifactDocument, in file: MarkdownFile) -> [DocAuditFinding] {
        pipeline.stages.compactMap { stage -> DocAuditFinding? in
            guard case .verdict(let rule) = stage.gate, rule.documentType == document.frontmatter.type,
                let value = document.frontmatter.value(forKey: rule.field)
            else { return nil }
            let reading = VerdictReader.read(rule, value: value, path: file.path)
            let known = (rule.passTokens.union(rule.failTokens)).map(VerdictReader.normalize)
            if let written = reading.value, known.contains(VerdictReader.normalize(written)) { return nil }
            return DocAuditFinding(
                .unknownVerdict, file: file.path, line: file.scan.frontmatterLine(ofKey: rule.field) ?? 1,
                reading.reason)
        }
    }

    // MARK: - Identities and supersession

    private func identities(_ documents: [(MarkdownFile, ArtifactDocument)]) -> [DocAuditFinding] {
        var findings: [DocAuditFinding] = []
        var byID: [String: (MarkdownFile, ArtifactDocument)] = [:]
        for (file, document) in documents {
            let id = document.frontmatter.docID
            if let first = byID[id] {
                findings.append(
                    DocAuditFinding(
                        .duplicateDocID, file: file.path, line: file.scan.frontmatterLine(ofKey: "doc_id") ?? 1,
                        "`doc_id: \(id)` is also the id of `\(first.0.path)`; every document needs its own id. "
                            + "Give this one a new `doc_id`."))
            } else {
                byID[id] = (file, document)
            }
        }
        for (file, document) in documents {
            let frontmatter = document.frontmatter
            if let older = frontmatter.supersedes {
                let line = file.scan.frontmatterLine(ofKey: "supersedes") ?? 1
                if case let (olderFile, olderDocument)? = byID[older] {
                    if olderDocument.frontmatter.supersededBy != frontmatter.docID {
                        findings.append(
                            DocAuditFinding(
                                .supersession, file: file.path, line: line,
                                "`supersedes: \(older)` but `\(olderFile.path)` does not say `superseded_by: "
                                    + "\(frontmatter.docID)`. Set it there (and its `status: superseded`), or "
                                    + "correct `supersedes` here."))
                    }
                } else {
                    findings.append(
                        DocAuditFinding(
                            .supersession, file: file.path, line: line,
                            "`supersedes: \(older)` names no document under the docs roots. Use the `doc_id` of "
                                + "the version this one replaces, or remove the key."))
                }
            }
            if let newer = frontmatter.supersededBy {
                let line = file.scan.frontmatterLine(ofKey: "superseded_by") ?? 1
                if case let (newerFile, newerDocument)? = byID[newer] {
                    if newerDocument.frontmatter.supersedes != frontmatter.docID {
                        findings.append(
                            DocAuditFinding(
                                .supersession, file: file.path, line: line,
                                "`superseded_by: \(newer)` but `\(newerFile.path)` does not say `supersedes: "
                                    + "\(frontmatter.docID)`. Set it there, or correct `superseded_by` here."))
                    }
                } else {
                    findings.append(
                        DocAuditFinding(
                            .supersession, file: file.path, line: line,
                            "`superseded_by: \(newer)` names no document under the docs roots. Use the `doc_id` "
                                + "of the version that replaced this one, or remove the key."))
                }
            }
        }
        return findings
    }

    // MARK: - Staleness

    /// Documents unchanged by the pull request that reference a path it changes, one warning per document.
    private func staleness(_ documents: [(MarkdownFile, ArtifactDocument)], links: inout LinkChecker)
        -> [DocAuditFinding]
    {
        let changedCode = changedPaths.filter { path in
            !docsRoots.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        guard !changedCode.isEmpty else { return [] }
        let sortedCode = changedCode.sorted()
        var findings: [DocAuditFinding] = []
        for (file, document) in documents where !changedPaths.contains(file.path) {
            var hits: [(path: String, line: Int)] = []
            let relatedLine = file.scan.frontmatterLine(ofKey: Self.relatedCodeKey) ?? 1
            for reference in Self.relatedCode(document.frontmatter) {
                hits += Self.matches(reference, in: sortedCode, exact: changedCode).map { ($0, relatedLine) }
            }
            for link in file.scan.links {
                guard let resolved = links.resolvedPath(of: link.target, from: file.path) else { continue }
                hits += Self.matches(resolved, in: sortedCode, exact: changedCode).map { ($0, link.line) }
            }
            guard let first = hits.min(by: { ($0.line, $0.path) < ($1.line, $1.path) }) else { continue }
            let paths = Array(Set(hits.map(\.path))).sorted()
            let shown = paths.prefix(5).map { "`\($0)`" }.joined(separator: ", ")
            let more = paths.count > 5 ? " and \(paths.count - 5) more" : ""
            findings.append(
                DocAuditFinding(
                    .possiblyStale, file: file.path, line: first.line,
                    "This document references \(shown)\(more), which this pull request changes, but the document "
                        + "itself is unchanged. Check that it still holds and update it (or its `related_code`)."))
        }
        return findings
    }

    /// The `related_code` entries: one text or a list of texts.
    static func relatedCode(_ frontmatter: Frontmatter) -> [String] {
        switch frontmatter.value(forKey: relatedCodeKey) {
        case .sequence(let items)?: items.compactMap(\.scalarText)
        case let value?: value.scalarText.map { [$0] } ?? []
        case nil: []
        }
    }

    /// The changed paths `reference` covers: the path itself, everything below it when it is a folder, or what it
    /// matches as a glob. Only the sorted range sharing the reference's literal prefix is scanned.
    static func matches(_ reference: String, in sortedPaths: [String], exact: Set<String>) -> [String] {
        var reference = reference.trimmingCharacters(in: .whitespaces)
        while reference.hasPrefix("./") { reference.removeFirst(2) }
        guard !reference.isEmpty else { return [] }
        let wildcard = reference.firstIndex { "*?[".contains($0) }
        if wildcard == nil, exact.contains(reference) { return [reference] }
        let prefix =
            wildcard.map { String(reference[..<$0]) } ?? (reference.hasSuffix("/") ? reference : reference + "/")
        let candidates = range(withPrefix: prefix, in: sortedPaths)
        guard wildcard != nil else { return Array(candidates) }
        let scope = WriteScope([reference], workItem: 0)
        return candidates.filter(scope.contains)
    }

    /// The paths of `sorted` that start with `prefix`, found by binary search.
    private static func range(withPrefix prefix: String, in sorted: [String]) -> ArraySlice<String> {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < sorted.count, sorted[end].hasPrefix(prefix) { end += 1 }
        return sorted[low..<end]
    }
}
