import Agents
import Forge
import Foundation
import Gates
import Git
import HTTP
import StateBranch

/// Rule-based classification of a failed attempt (research S004-10): typed errors first (``ForgeError`` and its
/// ``HTTPError``, ``AgentError``, ``GitError``, ``StateBranchError``, gate reason codes, agent statuses, exit
/// statuses), then patterns in the error's text. Every failure gets a class; `unknown` is explicit and low in
/// confidence.
public enum FailureClassifier {
    /// The class of an error that stopped an attempt before it had a verdict.
    public static func classify(_ error: any Error) -> FailureClassification {
        if let forge = error as? ForgeError { return classify(forge) }
        if let http = error as? HTTPError { return classify(http, operation: nil) }
        if let agent = error as? AgentError { return classify(agent) }
        if let git = error as? GitError { return classify(git) }
        if let state = error as? StateBranchError { return classify(state) }
        if error is DecodingError || error is EncodingError {
            return FailureClassification(
                .automation, confidence: 0.7, signals: [.init(.errorCode, String(describing: type(of: error)))],
                summary: "Conveyor could not read or write its own data: \(firstLine(error))")
        }
        return classify(text: String(describing: error), typeName: String(describing: type(of: error)))
    }

    /// The class of an attempt whose gate failed: the reasons' codes, how the agent ended, and the exit of the gate
    /// commands that failed (`commandExits`, from ``Supervision``'s command runner).
    public static func classify(
        verdict: GateVerdict, agentStatus: AgentStatus, commandExits: [CommandExit] = [], flakyRerunsTried: Bool = false
    ) -> FailureClassification {
        let codes = Set(verdict.reasons.map(\.code))
        var signals = verdict.reasons.map(\.code.name).uniqued().map { FailureSignal(.gateReason, $0) }
        if codes.contains(.outsideWriteScope) {
            return FailureClassification(
                .policy, confidence: 0.95, signals: signals,
                summary: "The agent changed files or history outside the stage's write scope.")
        }
        if codes.contains(.agentFailed) {
            signals.append(FailureSignal(.agentStatus, agentStatus.name))
            let confidence: Double =
                switch agentStatus {
                case .timedOut, .crashed, .invalidOutput: 0.9
                default: 0.7
                }
            return FailureClassification(
                .automation, confidence: confidence, signals: signals,
                summary: "The agent did not finish: \(agentStatus.description)")
        }
        if codes.contains(.commandFailed) {
            signals += commandExits.map { FailureSignal(.exitStatus, exitText($0)) }.uniqued()
            if commandExits.contains(where: Self.isMissingProgram) {
                return FailureClassification(
                    .env, confidence: 0.85, signals: signals,
                    summary: "A gate command could not start: a program is missing from the job's environment.")
            }
            if flakyRerunsTried { signals.append(FailureSignal(.history, "failed_on_rerun")) }
            return FailureClassification(
                .product, confidence: flakyRerunsTried ? 0.8 : 0.55, signals: signals,
                summary: flakyRerunsTried
                    ? "A gate command failed on the agent's change, again on every rerun."
                    : "A gate command failed on the agent's change; whether it is flaky is not known yet.")
        }
        let productCodes: Set<GateReason.Code> = [
            .missingArtifact, .invalidFrontmatter, .missingKey, .mismatchedKey, .verdictFailed, .malformedQuestions,
        ]
        if !codes.isDisjoint(with: productCodes) {
            return FailureClassification(
                .product, confidence: 0.8, signals: signals,
                summary: "The agent's documents do not pass the stage's gate yet.")
        }
        return FailureClassification(
            .unknown, confidence: 0.3, signals: signals, summary: "The gate failed for a reason without a rule.")
    }

    // MARK: - Typed errors

    private static func classify(_ error: ForgeError) -> FailureClassification {
        var signals = [FailureSignal(.errorCode, "ForgeError.\(error.code)")]
        if let status = error.status { signals.append(FailureSignal(.httpStatus, String(status))) }
        switch error.code {
        case .unavailable, .rateLimited:
            return FailureClassification(
                .infra, confidence: 0.9, signals: signals,
                summary: "The forge was unavailable to \(error.operation)"
                    + (error.status.map { " (HTTP \($0))" } ?? "") + ".")
        case .unauthorized, .forbidden:
            return FailureClassification(
                .env, confidence: 0.85, signals: signals,
                summary: "The job's token may not \(error.operation): a permission or secret is missing.")
        case .invalidResponse:
            return FailureClassification(
                .infra, confidence: 0.6, signals: signals,
                summary: "The forge answered something unreadable to \(error.operation).")
        case .notFound, .rejected:
            return FailureClassification(
                .data, confidence: 0.6, signals: signals,
                summary: "The forge refused to \(error.operation): what the run refers to is missing or invalid.")
        default:
            return FailureClassification(
                .automation, confidence: 0.5, signals: signals,
                summary: "Conveyor built a request the forge could not take to \(error.operation).")
        }
    }

    private static func classify(_ error: HTTPError, operation: String?) -> FailureClassification {
        var signals = [FailureSignal(.errorCode, "HTTPError.\(error.code)")]
        if let status = error.status { signals.append(FailureSignal(.httpStatus, String(status))) }
        let transient: Set<HTTPError.Code> = [.connection, .timeout, .transport, .rateLimited]
        if transient.contains(error.code) || (error.status.map { $0 >= 500 || $0 == 429 } ?? false) {
            return FailureClassification(
                .infra, confidence: 0.85, signals: signals, summary: "An HTTP call failed: \(firstLine(error))")
        }
        return FailureClassification(
            .automation, confidence: 0.5, signals: signals, summary: "An HTTP call failed: \(firstLine(error))")
    }

    private static func classify(_ error: AgentError) -> FailureClassification {
        let signals = [FailureSignal(.errorCode, "AgentError.\(error.code)")]
        switch error.code {
        case .modelUnavailable:
            return FailureClassification(
                .infra, confidence: 0.85, signals: signals, summary: "The model API was unavailable.")
        case .executableNotFound, .launchFailed, .unsafeAsRoot, .logUnwritable:
            return FailureClassification(
                .env, confidence: 0.85, signals: signals,
                summary: "The agent could not be started in this job: \(firstLine(error))")
        default:
            return FailureClassification(
                .automation, confidence: 0.7, signals: signals,
                summary: "The agent invocation was not valid: \(firstLine(error))")
        }
    }

    private static func classify(_ error: GitError) -> FailureClassification {
        let signals = [FailureSignal(.errorCode, "GitError.\(error.klass).\(error.code)")]
        if [.net, .http, .ssl, .os].contains(error.klass) || error.code == .timedOut {
            return FailureClassification(
                .infra, confidence: 0.8, signals: signals, summary: "A git transfer failed: \(firstLine(error))")
        }
        if error.code == .auth || error.code == .certificate {
            return FailureClassification(
                .env, confidence: 0.8, signals: signals, summary: "Git was refused: \(firstLine(error))")
        }
        return FailureClassification(
            .env, confidence: 0.6, signals: signals,
            summary: "The checkout could not be prepared: \(firstLine(error))")
    }

    private static func classify(_ error: StateBranchError) -> FailureClassification {
        let signals = [FailureSignal(.errorCode, "StateBranchError.\(error.code)")]
        switch error.code {
        case .notPublished, .notClaimed:
            return FailureClassification(
                .infra, confidence: 0.8, signals: signals,
                summary: "The state branch could not be pushed: \(firstLine(error))")
        default:
            return FailureClassification(
                .automation, confidence: 0.6, signals: signals,
                summary: "Conveyor's state was inconsistent: \(firstLine(error))")
        }
    }

    // MARK: - Text patterns

    /// Patterns in an error's text, lower-cased, by the class they point to; the first match wins.
    static let patterns: [(FailureClass, String)] = [
        (.infra, "rate limit"), (.infra, "bad gateway"), (.infra, "service unavailable"), (.infra, "gateway timeout"),
        (.infra, "connection reset"), (.infra, "could not resolve host"), (.infra, "network is unreachable"),
        (.infra, "moved on the remote"), (.infra, "lost communication with the server"),
        (.env, "no space left on device"), (.env, "command not found"), (.env, "permission denied"),
        (.env, "not logged in"), (.env, "cannot be removed"), (.env, "api key"),
        (.data, "fixture"), (.data, "test data"),
        (.automation, "malformed"), (.automation, "invalid json"), (.automation, "unexpected end of"),
    ]

    static func classify(text: String, typeName: String) -> FailureClassification {
        let lowered = text.lowercased()
        let typeSignal = FailureSignal(.errorCode, typeName)
        for (failureClass, pattern) in patterns where lowered.contains(pattern) {
            return FailureClassification(
                failureClass, confidence: 0.5, signals: [typeSignal, FailureSignal(.logPattern, pattern)],
                summary: firstLine(text))
        }
        return FailureClassification(.unknown, confidence: 0.2, signals: [typeSignal], summary: firstLine(text))
    }

    // MARK: - Helpers

    private static func isMissingProgram(_ exit: CommandExit) -> Bool {
        switch exit {
        case .exited(127), .couldNotStart: true
        default: false
        }
    }

    private static func exitText(_ exit: CommandExit) -> String {
        switch exit {
        case .exited(let status): "exit \(status)"
        case .signalled(let signal): "signal \(signal)"
        case .timedOut: "timed_out"
        case .couldNotStart: "could_not_start"
        }
    }

    static func firstLine(_ value: Any) -> String {
        let text = String(describing: value)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
