import Yams

// MARK: - Typed values with diagnostics

extension ConfigurationReader {
    /// The node as a mapping, or nil after a `wrongType` diagnostic.
    mutating func expectMapping(_ node: Node, at mark: Mark?, what: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        report(.wrongType, at: mark, "\(what) must be a mapping of keys to values; it is \(Self.kind(of: node)).")
        return nil
    }

    /// The node as a string scalar, or nil after a `wrongType` diagnostic.
    /// The node as one of ``AgentDefaults/knownAgents``, or nil after a diagnostic naming them.
    mutating func expectAgent(_ node: Node, at mark: Mark?, key: String) -> String? {
        guard let name = expectString(node, at: mark, key: key) else { return nil }
        guard AgentDefaults.knownAgents.contains(name.lowercased()) else {
            let known = AgentDefaults.knownAgents.map { "`\($0)`" }.joined(separator: ", ")
            report(.invalidValue, at: mark, "`\(key): \(name)` is not an agent Conveyor runs; use one of \(known).")
            return nil
        }
        return name.lowercased()
    }

    mutating func expectString(_ node: Node, at mark: Mark?, key: String) -> String? {
        if case .scalar(let scalar) = node, node.null == nil, !scalar.string.isEmpty { return scalar.string }
        report(.wrongType, at: mark, "`\(key)` must be a non-empty string; it is \(Self.kind(of: node)).")
        return nil
    }

    /// The node as an integer, or nil after a `wrongType` diagnostic.
    mutating func expectInt(_ node: Node, at mark: Mark?, key: String) -> Int? {
        if case .scalar = node, let value = node.int { return value }
        report(.wrongType, at: mark, "`\(key)` must be a whole number; it is \(Self.kind(of: node)).")
        return nil
    }

    /// The node as an integer inside `range`, or nil after a diagnostic naming the range.
    mutating func expectInt(_ node: Node, at mark: Mark?, key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = expectInt(node, at: mark, key: key) else { return nil }
        guard range.contains(value) else {
            report(
                .invalidValue, at: mark,
                "`\(key)` must be from \(range.lowerBound) to \(range.upperBound); it is \(value).")
            return nil
        }
        return value
    }

    /// The node as a boolean, or nil after a `wrongType` diagnostic.
    mutating func expectBool(_ node: Node, at mark: Mark?, key: String) -> Bool? {
        if case .scalar = node, let value = node.bool { return value }
        report(.wrongType, at: mark, "`\(key)` must be `true` or `false`; it is \(Self.kind(of: node)).")
        return nil
    }

    /// The node as a list of strings with each element's position, or nil after a `wrongType` diagnostic.
    mutating func expectStrings(_ node: Node, at mark: Mark?, key: String) -> [(String, Mark?)]? {
        guard case .sequence(let sequence) = node else {
            report(.wrongType, at: mark, "`\(key)` must be a list of strings; it is \(Self.kind(of: node)).")
            return nil
        }
        var values: [(String, Mark?)] = []
        for element in sequence {
            guard case .scalar(let scalar) = element, element.null == nil, !scalar.string.isEmpty else {
                report(
                    .wrongType, at: element.mark ?? mark,
                    "Every entry of `\(key)` must be a non-empty string; this one is \(Self.kind(of: element)).")
                return nil
            }
            values.append((scalar.string, element.mark))
        }
        return values
    }

    /// The stage called `name`, or nil after an `unknownStage` diagnostic with the closest name.
    mutating func expectStage(_ name: String, at mark: Mark?, in place: String) -> StageName? {
        if let stage = StageName(rawValue: name) { return stage }
        let names = StageName.allCases.map(\.rawValue)
        report(
            .unknownStage, at: mark,
            "Unknown stage `\(name)` in \(place).\(ClosestName.hint(for: name, among: names)) "
                + "Stages: \(StageName.allNamesList).")
        return nil
    }

    /// True when `path` stays inside the repository; otherwise records a `pathOutsideRepository` diagnostic.
    mutating func checkInsideRepository(_ path: String, at mark: Mark?, key: String) -> Bool {
        let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        let isAbsolute =
            path.hasPrefix("/") || path.hasPrefix("\\") || path.hasPrefix("~")
            || (path.count >= 2 && path.dropFirst().first == ":")
        if isAbsolute || components.contains("..") {
            report(
                .pathOutsideRepository, at: mark,
                "`\(path)` in `\(key)` leaves the repository. Use a path relative to the repository root without "
                    + "`..`, e.g. `docs/work-items/<N>/**`.")
            return false
        }
        return true
    }

    /// How a node reads in a message: `a list`, `a mapping`, `null`, `the string "x"`.
    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if node.null != nil { return "null" }
            return scalar.string.isEmpty ? "an empty string" : "`\(scalar.string)`"
        }
    }
}
