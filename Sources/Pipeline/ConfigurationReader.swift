import Yams

/// Walks the YAML node tree of a configuration file, applying what it understands over a base configuration and
/// recording a diagnostic, at the offending key's line and column, for everything it does not.
struct ConfigurationReader {
    /// Keys allowed at the top of the file.
    static let topLevelKeys = [
        "version", "state", "agent", "prices", "max_revise_rounds", "remediation", "commands", "dev", "qa", "budgets",
        "stages", "release_train", "tick",
    ]

    /// The file name used in diagnostics.
    let file: String
    /// Problems found so far.
    private(set) var diagnostics: [ConfigurationDiagnostic] = []
    /// Where each stage's `next` key is, to place a cycle diagnostic.
    var nextMarks: [StageName: Mark] = [:]

    init(file: String) {
        self.file = file
    }

    /// Records a problem at `mark` (line 1, column 1 when the position is unknown).
    mutating func report(_ code: ConfigurationDiagnostic.Code, at mark: Mark?, _ message: String) {
        diagnostics.append(
            ConfigurationDiagnostic(
                code: code, file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// `base` with the overrides of `text` applied; check ``diagnostics`` before using the result.
    mutating func read(_ text: String, over base: PipelineConfiguration) -> PipelineConfiguration {
        let root: Node?
        do {
            root = try YAMLBounds.configuration.compose(text)
        } catch let error as YAMLBoundsError {
            diagnostics.append(
                ConfigurationDiagnostic(
                    code: .invalidValue, file: file, line: error.line, column: 1,
                    message: "The file \(error). A configuration needs a few hundred values at most; remove the "
                        + "nested aliases (`&name` / `*name`) or the deep nesting."))
            return base
        } catch {
            reportYAMLError(error)
            return base
        }
        guard let root, root.null == nil else { return base }
        guard let mapping = expectMapping(root, at: root.mark, what: "the top level of the file") else { return base }
        var configuration = base
        // `stages` goes last so that its per-stage values win over `agent.timeout_minutes` wherever it is written.
        let topLevel = entries(of: mapping, allowed: Self.topLevelKeys, in: "the top level")
        for (key, keyMark, value) in topLevel.filter({ $0.0 != "stages" }) + topLevel.filter({ $0.0 == "stages" }) {
            switch key {
            case "version": readVersion(value, at: keyMark)
            case "state": readState(value, at: keyMark, into: &configuration.state)
            case "agent": readAgent(value, at: keyMark, into: &configuration)
            case "prices": readPrices(value, at: keyMark, into: &configuration.prices)
            case "remediation": readRemediation(value, at: keyMark, into: &configuration.remediation)
            case "commands": readCommands(value, at: keyMark, into: &configuration.work)
            case "dev": readDev(value, at: keyMark, into: &configuration)
            case "qa": readQA(value, at: keyMark, into: &configuration.work)
            case "budgets": readBudgets(value, at: keyMark, into: &configuration.work.budgets)
            case "max_revise_rounds":
                if let rounds = expectInt(
                    value, at: keyMark, key: "max_revise_rounds", in: PipelineConfiguration.maxReviseRoundsRange)
                {
                    configuration.maxReviseRounds = rounds
                }
            case "release_train": readReleaseTrain(value, at: keyMark, into: &configuration.releaseTrain)
            case "tick": readHeartbeat(value, at: keyMark, into: &configuration.heartbeat)
            default: readStages(value, at: keyMark, into: &configuration.pipeline)
            }
        }
        checkCycle(in: configuration.pipeline)
        return configuration
    }

    /// The mapping's entries with string keys in `allowed`; others get an `unknownKey` diagnostic.
    mutating func entries(of mapping: Node.Mapping, allowed: [String], in place: String) -> [(String, Mark?, Node)] {
        var result: [(String, Mark?, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, allowed.contains(key) else {
                let name = keyNode.string ?? "\(keyNode)"
                let allowedList = allowed.map { "`\($0)`" }.joined(separator: ", ")
                report(
                    .unknownKey, at: keyNode.mark,
                    "Unknown key `\(name)` in \(place).\(ClosestName.hint(for: name, among: allowed)) "
                        + "Allowed keys: \(allowedList).")
                continue
            }
            result.append((key, keyNode.mark, value))
        }
        return result
    }

    private mutating func readVersion(_ node: Node, at mark: Mark?) {
        guard let version = expectInt(node, at: mark, key: "version") else { return }
        if version != 1 {
            report(.invalidValue, at: mark, "`version: \(version)` is not supported. Set `version: 1`.")
        }
    }

    private mutating func readState(_ node: Node, at mark: Mark?, into state: inout StateSettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`state`") else { return }
        for (key, keyMark, value) in entries(of: mapping, allowed: ["branch", "file"], in: "`state`") {
            guard let text = expectString(value, at: keyMark, key: "state.\(key)") else { continue }
            if key == "branch" {
                state.branch = text
            } else if checkInsideRepository(text, at: keyMark, key: "state.file") {
                state.file = text
            }
        }
    }

    private mutating func readAgent(_ node: Node, at mark: Mark?, into configuration: inout PipelineConfiguration) {
        guard let mapping = expectMapping(node, at: mark, what: "`agent`") else { return }
        let allowed = ["name", "model", "timeout_minutes"]
        for (key, keyMark, value) in entries(of: mapping, allowed: allowed, in: "`agent`") {
            switch key {
            case "name":
                if let name = expectAgent(value, at: keyMark, key: "agent.name") {
                    configuration.agentDefaults.agent = name
                }
            case "model":
                configuration.agentDefaults.model = expectString(value, at: keyMark, key: "agent.model")
            default:
                guard
                    let minutes = expectInt(
                        value, at: keyMark, key: "agent.timeout_minutes", in: StageDefinition.timeoutMinutesRange)
                else {
                    continue
                }
                for var stage in configuration.pipeline.stages {
                    stage.timeoutMinutes = minutes
                    configuration.pipeline.replace(stage)
                }
            }
        }
    }

    private mutating func reportYAMLError(_ error: any Error) {
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
        report(
            .invalidYAML, at: mark,
            "The file is not valid YAML: \(problem). Fix the syntax at this position (indentation, a missing "
                + "`:` or an unclosed quote or bracket).")
    }

    private mutating func checkCycle(in pipeline: Pipeline) {
        guard let cycle = pipeline.nextCycle() else { return }
        let names = cycle.map(\.rawValue).joined(separator: " → ")
        let culprit = cycle.first { nextMarks[$0] != nil }
        let fix = culprit.map { "Change `next` of `\($0)`" } ?? "Change one stage's `next`"
        report(
            .nextCycle, at: culprit.flatMap { nextMarks[$0] },
            "The `next` links form a cycle: \(names). \(fix) so the chain ends (`next: null` ends it).")
    }
}
