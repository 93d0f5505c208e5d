import Pipeline
import Yams

/// Reads the YAML of a frontmatter block into a ``Frontmatter``, collecting a located problem for every key that
/// is missing or malformed rather than stopping at the first.
struct FrontmatterReader {
    /// The file named in problems.
    let file: String
    /// Problems found so far.
    private(set) var problems: [FrontmatterProblem] = []

    init(file: String) {
        self.file = file
    }

    /// The frontmatter in `yaml`, the block of `file` that starts at ``FrontmatterBlock/firstYAMLLine``.
    ///
    /// - Throws: ``FrontmatterError`` with every problem found.
    mutating func read(_ yaml: String) throws(FrontmatterError) -> Frontmatter {
        let root: Node?
        do {
            root = try YAMLBounds.frontmatter.compose(yaml)
        } catch let error as YAMLBoundsError {
            throw FrontmatterError(
                .invalidValue, file: file, line: error.line + FrontmatterBlock.firstYAMLLine - 1,
                "The frontmatter of `\(file)` \(error). Keep frontmatter to a few keys; put long content in the "
                    + "Markdown body.")
        } catch {
            throw FrontmatterError(problems: [invalidYAML(error)])
        }
        let pairs: [(Node, Node)]
        switch root {
        case .none: pairs = []
        case .mapping(let mapping)?: pairs = Array(mapping)
        case .some(let node) where node.null != nil: pairs = []
        case .some(let node):
            throw FrontmatterError(
                .notAMapping, file: file, line: line(of: node),
                "The frontmatter of `\(file)` is \(YAMLValue(node: node).kindName), not a mapping. Write one "
                    + "`key: value` per line (`doc_id: …`, `type: …`, `status: …`).")
        }
        var fields: [String: Node] = [:]
        for (key, value) in pairs {
            fields[key.scalar?.string ?? "\(key)"] = value
        }
        let frontmatter = build(from: fields)
        guard problems.isEmpty, let frontmatter else {
            throw FrontmatterError(problems: problems.sorted { $0.line < $1.line })
        }
        return frontmatter
    }

    private mutating func build(from fields: [String: Node]) -> Frontmatter? {
        let docID = requiredString("doc_id", in: fields)
        let type = requiredString("type", in: fields)
        let status = requiredStatus(in: fields)
        var extra: [String: YAMLValue] = [:]
        for (key, node) in fields where !Frontmatter.commonKeyOrder.contains(key) {
            extra[key] = YAMLValue(node: node)
        }
        let frontmatter = Frontmatter(
            docID: docID ?? "", type: type ?? "", status: status ?? .draft,
            ownerRole: string("owner_role", in: fields), stage: stage(in: fields),
            workItem: integer("work_item", in: fields), relatedIssues: integers("related_issues", in: fields),
            relatedPRs: integers("related_prs", in: fields), version: integer("version", in: fields),
            supersedes: string("supersedes", in: fields), supersededBy: string("superseded_by", in: fields),
            generatedBy: generatedBy(in: fields), extra: extra)
        guard docID != nil, type != nil, status != nil else { return nil }
        return frontmatter
    }

    // MARK: - Problems

    /// The file line of `node`: its YAML line shifted past the opening `---`.
    func line(of node: Node?) -> Int {
        (node?.mark?.line ?? 0) + FrontmatterBlock.firstYAMLLine - 1
    }

    mutating func report(_ code: FrontmatterProblem.Code, at node: Node?, _ message: String) {
        problems.append(FrontmatterProblem(code: code, file: file, line: max(line(of: node), 1), message: message))
    }

    private func invalidYAML(_ error: any Error) -> FrontmatterProblem {
        let mark: Mark?
        switch error as? YamlError {
        case .scanner(_, _, let position, _), .parser(_, _, let position, _), .composer(_, _, let position, _):
            mark = position
        case .duplicatedKeysInMapping(_, let context):
            mark = context.mark
        default:
            mark = nil
        }
        let problem = String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        return FrontmatterProblem(
            code: .invalidYAML, file: file, line: (mark?.line ?? 0) + FrontmatterBlock.firstYAMLLine - 1,
            message: "The frontmatter of `\(file)` is not valid YAML: \(problem). Fix the syntax on this line "
                + "(indentation, a missing `:`, an unclosed quote or bracket, or a value with `: ` that needs quotes).")
    }
}
