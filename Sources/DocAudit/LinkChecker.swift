import Foundation

/// Resolves relative Markdown links against a checkout: the target file must exist, and a `#anchor` must name a
/// heading (or an explicit `id`/`name`) of the target Markdown file. Links with a scheme (`https:`, `mailto:`),
/// protocol-relative ones (`//host`) and bare anchors of other formats are not checked.
struct LinkChecker {
    /// The checkout.
    let root: URL
    /// Anchors of Markdown files already read, by repository-relative path.
    private var anchorCache: [String: Set<String>] = [:]
    /// Whether a repository-relative path exists, cached.
    private var existence: [String: Bool] = [:]

    init(root: URL) {
        self.root = root
    }

    /// The findings for every link of `file`.
    mutating func check(_ file: DocAuditor.MarkdownFile) -> [DocAuditFinding] {
        anchorCache[file.path] = file.scan.anchors
        var findings: [DocAuditFinding] = []
        for link in file.scan.links {
            guard let (path, anchor) = split(link.target, from: file.path) else { continue }
            if path != file.path, !exists(path) {
                findings.append(
                    DocAuditFinding(
                        .brokenLink, file: file.path, line: link.line,
                        "The link `\(link.target)` points at `\(path)`, which does not exist in this pull request. "
                            + "Correct the path (it is relative to `\(Self.folder(of: file.path))`) or remove the link."
                    ))
                continue
            }
            guard let anchor, !anchor.isEmpty, path.lowercased().hasSuffix(".md") || path.hasSuffix(".markdown")
            else { continue }
            let anchors = anchors(of: path)
            let wanted = anchor.removingPercentEncoding ?? anchor
            if !anchors.contains(wanted), !anchors.contains(wanted.lowercased()) {
                findings.append(
                    DocAuditFinding(
                        .brokenAnchor, file: file.path, line: link.line,
                        "The link `\(link.target)` names the anchor `#\(anchor)`, but `\(path)` has no heading "
                            + "with that anchor. Link to an existing heading (anchors are the heading in lowercase, "
                            + "spaces as `-`, punctuation dropped) or fix the heading."))
            }
        }
        return findings
    }

    /// The repository-relative path a link resolves to, or nil for a link that is not a relative path (or leaves
    /// the repository).
    func resolvedPath(of target: String, from file: String) -> String? {
        guard let (path, _) = split(target, from: file), path != file else { return nil }
        return path
    }

    /// The target's repository-relative path and anchor; nil for links that are not checked.
    private func split(_ target: String, from file: String) -> (path: String, anchor: String?)? {
        if target.hasPrefix("//") || Self.hasScheme(target) { return nil }
        var rest = Substring(target)
        var anchor: String?
        if let hash = rest.firstIndex(of: "#") {
            anchor = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        let decoded = String(rest).removingPercentEncoding ?? String(rest)
        if decoded.isEmpty { return (file, anchor) }
        let base = decoded.hasPrefix("/") ? [] : Self.folder(of: file).split(separator: "/").map(String.init)
        var components = base
        for component in decoded.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        guard !components.isEmpty else { return nil }
        return (components.joined(separator: "/"), anchor)
    }

    private static func hasScheme(_ target: String) -> Bool {
        guard let colon = target.firstIndex(of: ":") else { return false }
        let scheme = target[..<colon]
        return !scheme.isEmpty && scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    private mutating func exists(_ path: String) -> Bool {
        if let known = existence[path] { return known }
        let found = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
        existence[path] = found
        return found
    }

    private mutating func anchors(of path: String) -> Set<String> {
        if let cached = anchorCache[path] { return cached }
        let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) ?? Data()
        let anchors = MarkdownScan(text: String(decoding: data, as: UTF8.self)).anchors
        anchorCache[path] = anchors
        return anchors
    }
}
