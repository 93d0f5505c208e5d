import Foundation
public import Pipeline

/// What kind of failure a failed attempt was (research S004-09, ADR 0017); it chooses the playbook.
public enum FailureClass: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// The forge, the network, a rate limit or the runner failed: nothing about the work itself.
    case infra
    /// The job's environment: a missing toolchain, secret or program, a checkout that could not be made.
    case env
    /// Fixtures or test data the stage relies on.
    case data
    /// A gate command that failed, then passed when run again on the same tree.
    case flaky
    /// The gate failed on the agent's change: the work is not right yet.
    case product
    /// The agent CLI crashed, timed out or printed no usable result, or Conveyor itself failed.
    case automation
    /// The agent touched forbidden paths or history, or asked for something it may not: never fixed automatically.
    case policy
    /// Nothing recognisable; a person has to look.
    case unknown

    public var description: String { rawValue }

    /// The `need:*` label an escalation of this class asks for: the people who can fix it.
    public var need: NeedKind {
        switch self {
        case .infra, .env, .automation: .sre
        case .flaky, .data: .qa
        case .product, .policy, .unknown: .pm
        }
    }
}

/// One fact the classifier used, e.g. `http_status=502` or `gate_reason=commandFailed`.
public struct FailureSignal: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where a signal comes from.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An HTTP status the forge answered.
        case httpStatus = "http_status"
        /// A typed error's code (`ForgeError`, `HTTPError`, `AgentError`, `GitError`, `StateBranchError`…).
        case errorCode = "error_code"
        /// A gate reason's code.
        case gateReason = "gate_reason"
        /// How the agent ended (`timed_out`, `crashed`…).
        case agentStatus = "agent_status"
        /// A command's exit status or signal.
        case exitStatus = "exit_status"
        /// A pattern found in the error's text or a log.
        case logPattern = "log_pattern"
        /// What state remembers: the same signature before, a command that passed on rerun.
        case history
    }

    /// Where it comes from.
    public var kind: Kind
    /// The value, e.g. `502` or `ForgeError.unavailable`.
    public var value: String

    /// Creates a signal.
    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    public var description: String { "\(kind.rawValue)=\(value)" }
}

/// The classifier's answer for one failed attempt.
public struct FailureClassification: Sendable, Hashable {
    /// The class.
    public var failureClass: FailureClass
    /// How sure the rules are, 0…1; typed errors give more confidence than text patterns.
    public var confidence: Double
    /// The facts used, strongest first.
    public var signals: [FailureSignal]
    /// One sentence: what failed.
    public var summary: String

    /// Creates a classification.
    public init(_ failureClass: FailureClass, confidence: Double, signals: [FailureSignal], summary: String) {
        self.failureClass = failureClass
        self.confidence = min(1, max(0, confidence))
        self.signals = signals
        self.summary = summary
    }

    /// Equal when the same thing fails the same way again: the class and the signals that are not history,
    /// sorted; free text (messages, paths with run ids) stays out of it.
    public var signature: String {
        ([failureClass.rawValue]
            + signals.filter { $0.kind != .history && $0.kind != .logPattern }.map(\.description)
            .sorted()).joined(separator: "|")
    }

    /// The signals as a JSON array of `{kind, value}` objects, for the `failures` table.
    public var signalsJSON: String {
        let objects = signals.map { ["kind": $0.kind.rawValue, "value": $0.value] }
        guard let data = try? JSONEncoderForSignals.shared.encode(objects) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
