import Yams

// MARK: - `stages:`

extension ConfigurationReader {
    /// Keys allowed inside one stage.
    static let stageKeys = [
        "role", "inputs", "artifacts", "write_scope", "gate", "next", "requires_approval", "timeout_minutes",
        "agent", "model",
    ]

    /// Applies `stages: {<name>: {...}}` over `pipeline`.
    mutating func readStages(_ node: Node, at mark: Mark?, into pipeline: inout Pipeline) {
        guard let mapping = expectMapping(node, at: mark, what: "`stages`") else { return }
        for (keyNode, value) in mapping {
            guard let name = expectString(keyNode, at: keyNode.mark, key: "stages"),
                let stageName = expectStage(name, at: keyNode.mark, in: "`stages`"),
                var stage = pipeline[stageName]
            else { continue }
            guard let fields = expectMapping(value, at: keyNode.mark, what: "Stage `\(name)`") else { continue }
            for (key, keyMark, field) in entries(of: fields, allowed: Self.stageKeys, in: "stage `\(name)`") {
                apply(key, field, at: keyMark, to: &stage)
            }
            pipeline.replace(stage)
        }
    }

    private mutating func apply(_ key: String, _ node: Node, at mark: Mark?, to stage: inout StageDefinition) {
        let path = "stages.\(stage.name).\(key)"
        switch key {
        case "role":
            if let role = expectString(node, at: mark, key: path) { stage.role = Role(rawValue: role) }
        case "inputs":
            guard let names = expectStrings(node, at: mark, key: path) else { return }
            let stages = names.map { expectStage($0.0, at: $0.1, in: "`\(path)`") }
            if stages.allSatisfy({ $0 != nil }) { stage.inputs = stages.compactMap { $0 } }
        case "artifacts":
            readArtifacts(node, at: mark, key: path, into: &stage)
        case "write_scope":
            guard let globs = expectStrings(node, at: mark, key: path) else { return }
            let inside = globs.map { checkInsideRepository($0.0, at: $0.1, key: path) }
            if inside.allSatisfy({ $0 }) { stage.writeScope = globs.map(\.0) }
        case "gate":
            if let gate = readGate(node, at: mark, key: path) { stage.gate = gate }
        case "next":
            readNext(node, at: mark, key: path, into: &stage)
        case "requires_approval":
            if let flag = expectBool(node, at: mark, key: path) { stage.requiresApproval = flag }
        case "timeout_minutes":
            if let minutes = expectInt(node, at: mark, key: path, in: StageDefinition.timeoutMinutesRange) {
                stage.timeoutMinutes = minutes
            }
        case "agent":
            if let agent = expectAgent(node, at: mark, key: path) { stage.agent = agent }
        default:
            if let model = expectString(node, at: mark, key: path) { stage.model = model }
        }
    }

    private mutating func readNext(_ node: Node, at mark: Mark?, key: String, into stage: inout StageDefinition) {
        if let mark { nextMarks[stage.name] = mark }
        if node.null != nil {
            stage.next = nil
        } else if let name = expectString(node, at: mark, key: key),
            let next = expectStage(name, at: mark, in: "`\(key)`")
        {
            stage.next = next
        }
    }

    /// Merges `artifacts:` entries into the stage by `type`: a known type is replaced, a new type is added.
    private mutating func readArtifacts(_ node: Node, at mark: Mark?, key: String, into stage: inout StageDefinition) {
        guard case .sequence(let entries) = node else {
            report(.wrongType, at: mark, "`\(key)` must be a list of artifacts; it is \(Self.kind(of: node)).")
            return
        }
        for entry in entries {
            guard let artifact = readArtifact(entry, key: key) else { continue }
            if let index = stage.artifacts.firstIndex(where: { $0.type == artifact.type }) {
                stage.artifacts[index] = artifact
            } else {
                stage.artifacts.append(artifact)
            }
        }
    }

    private mutating func readArtifact(_ node: Node, key: String) -> ArtifactRequirement? {
        guard let mapping = expectMapping(node, at: node.mark, what: "Each entry of `\(key)`") else { return nil }
        var path: String?
        var type: String?
        var requiredKeys = ArtifactRequirement.commonKeys
        var valid = true
        for (field, fieldMark, value) in entries(
            of: mapping, allowed: ["path", "type", "required_keys"], in: "an entry of `\(key)`")
        {
            switch field {
            case "path":
                path = expectString(value, at: fieldMark, key: "\(key)[].path")
                if let path, !checkInsideRepository(path, at: fieldMark, key: "\(key)[].path") { valid = false }
            case "type":
                type = expectString(value, at: fieldMark, key: "\(key)[].type")
            default:
                if let keys = expectStrings(value, at: fieldMark, key: "\(key)[].required_keys") {
                    requiredKeys = keys.map(\.0)
                } else {
                    valid = false
                }
            }
        }
        for (name, value) in [("path", path), ("type", type)] where value == nil {
            report(.missingKey, at: node.mark, "This entry of `\(key)` needs a `\(name)`.")
        }
        guard valid, let path, let type else { return nil }
        return ArtifactRequirement(pathPattern: path, type: type, requiredKeys: requiredKeys)
    }
}
