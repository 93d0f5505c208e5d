import Pipeline
import Yams

// MARK: - Typed values of the common keys

extension FrontmatterReader {
    /// The text of `key`, which must be present; reports `missingKey` or `wrongType` otherwise.
    mutating func requiredString(_ key: String, in fields: [String: Node]) -> String? {
        guard let node = fields[key], node.null == nil else {
            report(
                .missingKey, at: nil,
                "`\(file)` has no `\(key)` in its frontmatter. Add `\(key): …` between the `---` lines.")
            return nil
        }
        return string(key, in: fields)
    }

    /// The text of `key` when present: any scalar is read as its text; a list or mapping is `wrongType`.
    mutating func string(_ key: String, in fields: [String: Node]) -> String? {
        guard let node = fields[key], node.null == nil else { return nil }
        guard let scalar = node.scalar else {
            report(
                .wrongType, at: node,
                "`\(key)` in `\(file)` is \(YAMLValue(node: node).kindName); it must be a single value. "
                    + "Write `\(key): value` on one line.")
            return nil
        }
        return scalar.string
    }

    /// The whole number of `key` when present; anything else is `wrongType`.
    mutating func integer(_ key: String, in fields: [String: Node]) -> Int? {
        guard let node = fields[key], node.null == nil else { return nil }
        guard let number = wholeNumber(node) else {
            report(
                .wrongType, at: node,
                "`\(key)` in `\(file)` must be a whole number, e.g. `\(key): 12`; found \(describe(node)).")
            return nil
        }
        return number
    }

    /// The list of whole numbers of `key` when present (`[]` when null); anything else is `wrongType`.
    mutating func integers(_ key: String, in fields: [String: Node]) -> [Int]? {
        guard let node = fields[key] else { return nil }
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            report(
                .wrongType, at: node,
                "`\(key)` in `\(file)` must be a list of numbers, e.g. `\(key): [12, 15]`; found \(describe(node)).")
            return nil
        }
        var numbers: [Int] = []
        for item in sequence {
            guard let number = wholeNumber(item) else {
                report(
                    .wrongType, at: item,
                    "Every entry of `\(key)` in `\(file)` must be a number without `#`, e.g. `\(key): [12, 15]`; "
                        + "found \(describe(item)).")
                return nil
            }
            numbers.append(number)
        }
        return numbers
    }

    /// The `status` token, which must be present and one of ``DocumentStatus``.
    mutating func requiredStatus(in fields: [String: Node]) -> DocumentStatus? {
        guard let token = requiredString("status", in: fields) else { return nil }
        if let status = DocumentStatus(rawValue: token) { return status }
        report(
            .unknownStatus, at: fields["status"],
            "`status: \(token)` in `\(file)` is not a document status. Use one of \(DocumentStatus.allTokensList).")
        return nil
    }

    /// The `stage` when present; a name outside ``StageName`` is `invalidValue`.
    mutating func stage(in fields: [String: Node]) -> StageName? {
        guard let name = string("stage", in: fields) else { return nil }
        if let stage = StageName(rawValue: name) { return stage }
        report(
            .invalidValue, at: fields["stage"],
            "`stage: \(name)` in `\(file)` is not a pipeline stage. Use one of \(StageName.allNamesList).")
        return nil
    }

    /// `generated_by` as a mapping with `agent` (and optional `model`, `run_id`), or a bare agent name.
    mutating func generatedBy(in fields: [String: Node]) -> GeneratedBy? {
        guard let node = fields["generated_by"], node.null == nil else { return nil }
        if let agent = node.scalar?.string { return GeneratedBy(agent: agent) }
        guard let mapping = node.mapping else {
            report(
                .wrongType, at: node,
                "`generated_by` in `\(file)` must be a mapping such as `{agent: claude, model: …, run_id: …}`.")
            return nil
        }
        var parts: [String: Node] = [:]
        for (key, value) in mapping { parts[key.scalar?.string ?? "\(key)"] = value }
        guard let agent = parts["agent"]?.scalar?.string else {
            report(.missingKey, at: node, "`generated_by` in `\(file)` needs `agent`, e.g. `{agent: claude}`.")
            return nil
        }
        return GeneratedBy(agent: agent, model: parts["model"]?.scalar?.string, runID: parts["run_id"]?.scalar?.string)
    }

    private func wholeNumber(_ node: Node) -> Int? {
        guard node.scalar != nil, node.tag.rawValue == Tag.Name.int.rawValue else { return nil }
        return node.int
    }

    private func describe(_ node: Node) -> String {
        if let text = node.scalar?.string { return "`\(text)`" }
        return YAMLValue(node: node).kindName
    }
}
