import Yams

// MARK: - `gate:`

extension ConfigurationReader {
    /// Keys allowed in a gate mapping.
    static let gateKeys = ["kind", "document", "field", "pass", "fail", "command"]

    /// Reads `gate: artifacts` or `gate: {kind: verdict, document: …, field: …, pass: […], fail: […]}` or
    /// `gate: {kind: command, command: [swift, test]}` (a string command runs through `sh -c`).
    mutating func readGate(_ node: Node, at mark: Mark?, key: String) -> StageGate? {
        if case .scalar = node, let name = expectString(node, at: mark, key: key) {
            guard let kind = expectGateKind(name, at: mark, key: key) else { return nil }
            return gate(kind, fields: [:], at: mark, key: key)
        }
        guard let mapping = expectMapping(node, at: mark, what: "`\(key)`") else { return nil }
        var fields: [String: (Node, Mark?)] = [:]
        for (field, fieldMark, value) in entries(of: mapping, allowed: Self.gateKeys, in: "`\(key)`") {
            fields[field] = (value, fieldMark)
        }
        guard let (kindNode, kindMark) = fields["kind"] else {
            report(.missingKey, at: mark, "`\(key)` needs a `kind`: one of \(GateKind.allNamesList).")
            return nil
        }
        guard let name = expectString(kindNode, at: kindMark, key: "\(key).kind"),
            let kind = expectGateKind(name, at: kindMark, key: "\(key).kind")
        else { return nil }
        return gate(kind, fields: fields, at: mark, key: key)
    }

    private mutating func expectGateKind(_ name: String, at mark: Mark?, key: String) -> GateKind? {
        if let kind = GateKind(rawValue: name) { return kind }
        let names = GateKind.allCases.map(\.rawValue)
        report(
            .unknownGateKind, at: mark,
            "Unknown gate kind `\(name)` in `\(key)`.\(ClosestName.hint(for: name, among: names)) "
                + "Gate kinds: \(GateKind.allNamesList).")
        return nil
    }

    private mutating func gate(
        _ kind: GateKind, fields: [String: (Node, Mark?)], at mark: Mark?, key: String
    ) -> StageGate? {
        switch kind {
        case .artifacts: return .artifacts
        case .none: return StageGate.none
        case .command:
            guard let (node, fieldMark) = require("command", in: fields, at: mark, key: key, kind: kind) else {
                return nil
            }
            if case .scalar = node, let line = expectString(node, at: fieldMark, key: "\(key).command") {
                return .command(arguments: ["sh", "-c", line])
            }
            return expectStrings(node, at: fieldMark, key: "\(key).command").map { .command(arguments: $0.map(\.0)) }
        case .verdict:
            let document = require("document", in: fields, at: mark, key: key, kind: kind)
            let field = require("field", in: fields, at: mark, key: key, kind: kind)
            let pass = require("pass", in: fields, at: mark, key: key, kind: kind)
            guard let document, let field, let pass,
                let documentType = expectString(document.0, at: document.1, key: "\(key).document"),
                let fieldName = expectString(field.0, at: field.1, key: "\(key).field"),
                let passTokens = expectStrings(pass.0, at: pass.1, key: "\(key).pass")
            else { return nil }
            var failTokens: [(String, Mark?)] = []
            if let fail = fields["fail"] {
                guard let tokens = expectStrings(fail.0, at: fail.1, key: "\(key).fail") else { return nil }
                failTokens = tokens
            }
            return .verdict(
                VerdictRule(
                    documentType: documentType, field: fieldName, passTokens: Set(passTokens.map(\.0)),
                    failTokens: Set(failTokens.map(\.0))))
        }
    }

    private mutating func require(
        _ name: String, in fields: [String: (Node, Mark?)], at mark: Mark?, key: String, kind: GateKind
    ) -> (Node, Mark?)? {
        if let field = fields[name] { return field }
        report(.missingKey, at: mark, "A `\(kind)` gate needs `\(name)` in `\(key)`.")
        return nil
    }
}
