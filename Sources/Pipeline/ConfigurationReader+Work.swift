import Yams

// MARK: - `commands:`, `dev:`, `qa:`, `budgets:`

extension ConfigurationReader {
    /// Keys allowed in one command's mapping.
    static let commandKeys = ["run", "timeout_minutes"]
    /// Keys allowed under `dev`.
    static let devKeys = ["max_dev_attempts", "feedback_bytes", "protected_paths", "commands", "ci"]
    /// Keys allowed under `dev.ci`.
    static let ciKeys = ["mode", "timeout_seconds", "poll_seconds", "max_poll_seconds", "no_checks_seconds", "ignore"]
    /// Keys allowed under `budgets`.
    static let budgetKeys = ["stage", "work_item", "day", "max_turns"]

    /// Reads `commands: {NAME: "line" | [args] | {run: …, timeout_minutes: N}}`, replacing every configured command.
    mutating func readCommands(_ node: Node, at mark: Mark?, into work: inout WorkSettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`commands`") else { return }
        var commands: [RepositoryCommand] = []
        for (nameNode, value) in mapping {
            guard let name = expectString(nameNode, at: nameNode.mark ?? mark, key: "commands") else { continue }
            let place = "commands.\(name)"
            var arguments: [String]?
            var timeout = RepositoryCommand.defaultTimeoutSeconds
            if case .mapping(let fields) = value {
                for (key, keyMark, field) in entries(of: fields, allowed: Self.commandKeys, in: "`\(place)`") {
                    if key == "run" {
                        arguments = readCommandLine(field, at: keyMark, key: "\(place).run")
                    } else if let minutes = expectInt(
                        field, at: keyMark, key: "\(place).timeout_minutes", in: StageDefinition.timeoutMinutesRange)
                    {
                        timeout = minutes * 60
                    }
                }
                if arguments == nil, !fields.contains(where: { $0.key.string == "run" }) {
                    report(.missingKey, at: nameNode.mark, "`\(place)` needs `run:` (a command line or a list).")
                }
            } else {
                arguments = readCommandLine(value, at: nameNode.mark, key: place)
            }
            if let arguments {
                commands.append(RepositoryCommand(name: name, arguments: arguments, timeoutSeconds: timeout))
            }
        }
        work.commands = commands
    }

    /// A command as one line (run with `sh -c`) or as a list of arguments.
    private mutating func readCommandLine(_ node: Node, at mark: Mark?, key: String) -> [String]? {
        if case .scalar = node, let line = expectString(node, at: mark, key: key) { return ["sh", "-c", line] }
        return expectStrings(node, at: mark, key: key).map { $0.map(\.0) }
    }

    /// Reads `dev: {max_dev_attempts, feedback_bytes, protected_paths, commands, ci}`; protected paths are added to
    /// the dev stage's.
    mutating func readDev(_ node: Node, at mark: Mark?, into configuration: inout PipelineConfiguration) {
        guard let mapping = expectMapping(node, at: mark, what: "`dev`") else { return }
        for (key, keyMark, value) in entries(of: mapping, allowed: Self.devKeys, in: "`dev`") {
            switch key {
            case "max_dev_attempts":
                if let count = expectInt(
                    value, at: keyMark, key: "dev.max_dev_attempts", in: WorkSettings.maxDevAttemptsRange)
                {
                    configuration.work.maxDevAttempts = count
                }
            case "feedback_bytes":
                if let bytes = expectInt(value, at: keyMark, key: "dev.feedback_bytes", in: 256...1_048_576) {
                    configuration.work.feedbackBytes = bytes
                }
            case "protected_paths":
                guard let globs = expectStrings(value, at: keyMark, key: "dev.protected_paths") else { continue }
                guard globs.allSatisfy({ checkInsideRepository($0.0, at: $0.1, key: "dev.protected_paths") }) else {
                    continue
                }
                configuration.work.protectedPaths = globs.map(\.0)
                if var dev = configuration.pipeline[.dev] {
                    dev.protectedPaths = WorkSettings.builtInProtectedPaths + globs.map(\.0)
                    configuration.pipeline.replace(dev)
                }
            case "commands":
                configuration.work.devCommands = expectStrings(value, at: keyMark, key: "dev.commands")?.map(\.0) ?? []
            default:
                readCI(value, at: keyMark, into: &configuration.work.ci)
            }
        }
    }

    /// Reads `qa: {commands: [NAME, …]}`.
    mutating func readQA(_ node: Node, at mark: Mark?, into work: inout WorkSettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`qa`") else { return }
        for (_, keyMark, value) in entries(of: mapping, allowed: ["commands"], in: "`qa`") {
            work.qaCommands = expectStrings(value, at: keyMark, key: "qa.commands")?.map(\.0) ?? []
        }
    }

    private mutating func readCI(_ node: Node, at mark: Mark?, into ci: inout CISettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`dev.ci`") else { return }
        for (key, keyMark, value) in entries(of: mapping, allowed: Self.ciKeys, in: "`dev.ci`") {
            let place = "dev.ci.\(key)"
            switch key {
            case "mode":
                guard let name = expectString(value, at: keyMark, key: place) else { continue }
                guard let mode = CISettings.Mode(rawValue: name) else {
                    let names = CISettings.Mode.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                    report(.invalidValue, at: keyMark, "`\(place): \(name)` is not a CI mode; use one of \(names).")
                    continue
                }
                ci.mode = mode
            case "ignore":
                ci.ignore = expectStrings(value, at: keyMark, key: place)?.map(\.0) ?? ci.ignore
            default:
                guard let seconds = expectInt(value, at: keyMark, key: place, in: 0...604_800) else { continue }
                switch key {
                case "timeout_seconds": ci.timeoutSeconds = seconds
                case "poll_seconds": ci.pollSeconds = max(1, seconds)
                case "max_poll_seconds": ci.maxPollSeconds = max(1, seconds)
                default: ci.noChecksSeconds = seconds
                }
            }
        }
    }

    /// Reads `budgets: {stage: {usd, tokens}, work_item: {…}, day: {…}, max_turns: N}`.
    mutating func readBudgets(_ node: Node, at mark: Mark?, into budgets: inout Budgets) {
        guard let mapping = expectMapping(node, at: mark, what: "`budgets`") else { return }
        for (key, keyMark, value) in entries(of: mapping, allowed: Self.budgetKeys, in: "`budgets`") {
            switch key {
            case "max_turns":
                budgets.maxTurns = expectInt(value, at: keyMark, key: "budgets.max_turns", in: 1...10_000)
            default:
                let limit = readLimit(value, at: keyMark, key: "budgets.\(key)")
                switch key {
                case "stage": budgets.stage = limit
                case "work_item": budgets.workItem = limit
                default: budgets.day = limit
                }
            }
        }
    }

    private mutating func readLimit(_ node: Node, at mark: Mark?, key: String) -> Budgets.Limit {
        var limit = Budgets.Limit()
        guard let mapping = expectMapping(node, at: mark, what: "`\(key)`") else { return limit }
        for (field, fieldMark, value) in entries(of: mapping, allowed: ["usd", "tokens"], in: "`\(key)`") {
            if field == "tokens" {
                limit.tokens = expectInt(value, at: fieldMark, key: "\(key).tokens", in: 0...Int(Int32.max) * 1000)
            } else if case .scalar = value, let usd = value.float, usd.isFinite, usd >= 0 {
                limit.usd = usd
            } else {
                report(
                    .wrongType, at: fieldMark,
                    "`\(key).usd` must be a number of US dollars of at least 0; it is \(Self.kind(of: value)).")
            }
        }
        return limit
    }
}
