import Actions
import Agents
import Forge
import Foundation
import Gates
import HTTP
import Pipeline
import StateBranch
import Supervisor
import Testing

/// The rule-based classifier: typed errors first, then gate reasons and agent statuses, then text patterns.
struct FailureClassifierTests {
    /// `o/r`.
    static var repository: RepositorySlug {
        get throws { try RepositorySlug(parsing: "o/r") }
    }

    static func forgeError(_ code: ForgeError.Code, status: Int?) throws -> ForgeError {
        ForgeError(
            code: code, operation: "list comments on issue #1", forge: .github, repository: try repository,
            httpError: status.map {
                HTTPError(code: .status, method: .get, path: "/repos/o/r/issues/1/comments", status: $0, attempts: 4)
            })
    }

    @Test(arguments: [
        (ForgeError.Code.unavailable, 502, FailureClass.infra), (.rateLimited, 429, .infra),
        (.forbidden, 403, .env), (.unauthorized, 401, .env), (.notFound, 404, .data),
    ])
    func forgeErrorsAreClassifiedByCodeWithTheirStatus(code: ForgeError.Code, status: Int, expected: FailureClass)
        throws
    {
        let classification = FailureClassifier.classify(try Self.forgeError(code, status: status))
        #expect(classification.failureClass == expected)
        #expect(classification.signals.contains(FailureSignal(.httpStatus, String(status))))
        #expect(classification.signals.contains(FailureSignal(.errorCode, "ForgeError.\(code)")))
        #expect(classification.confidence >= 0.6)
    }

    @Test func theSignatureIgnoresFreeTextSoTheSameFailureMatches() throws {
        let first = FailureClassifier.classify(try Self.forgeError(.unavailable, status: 502))
        let again = FailureClassifier.classify(try Self.forgeError(.unavailable, status: 502))
        let other = FailureClassifier.classify(try Self.forgeError(.unavailable, status: 503))
        #expect(first.signature == again.signature)
        #expect(first.signature != other.signature)
        #expect(first.signature == "infra|error_code=ForgeError.unavailable|http_status=502")
    }

    @Test func agentErrorsSplitIntoEnvironmentAndAutomation() {
        let missing = AgentError(code: .executableNotFound, message: "claude is not on PATH")
        let template = AgentError(code: .invalidTemplate, message: "empty template")
        let model = AgentError(code: .modelUnavailable, message: "overloaded")
        #expect(FailureClassifier.classify(missing).failureClass == .env)
        #expect(FailureClassifier.classify(template).failureClass == .automation)
        #expect(FailureClassifier.classify(model).failureClass == .infra)
    }

    @Test func stateBranchPushFailuresAreInfrastructure() {
        let error = StateBranchError(.notPublished, message: "push rejected 5 times")
        #expect(FailureClassifier.classify(error).failureClass == .infra)
    }

    @Test func untypedErrorsFallBackToPatternsThenUnknown() {
        struct Opaque: Error, CustomStringConvertible { let description: String }
        let disk = FailureClassifier.classify(Opaque(description: "write failed: No space left on device"))
        #expect(
            disk.failureClass == .env && disk.signals.contains(FailureSignal(.logPattern, "no space left on device")))
        let odd = FailureClassifier.classify(Opaque(description: "something odd"))
        #expect(odd.failureClass == .unknown && odd.confidence < 0.5)
    }

    @Test func gateVerdictsMapToPolicyAutomationProductAndEnvironment() {
        let scope = GateVerdict(
            result: .fail, reasons: [GateReason(code: .outsideWriteScope, path: ".github/x.yml", message: "outside")])
        #expect(FailureClassifier.classify(verdict: scope, agentStatus: .succeeded).failureClass == .policy)

        let agent = GateVerdict(result: .fail, reasons: [GateReason(code: .agentFailed, message: "did not finish")])
        let timedOut = FailureClassifier.classify(verdict: agent, agentStatus: .timedOut)
        #expect(timedOut.failureClass == .automation)
        #expect(timedOut.signals.contains(FailureSignal(.agentStatus, "timed_out")))

        let missing = GateVerdict(result: .fail, reasons: [GateReason(code: .missingArtifact, message: "missing")])
        #expect(FailureClassifier.classify(verdict: missing, agentStatus: .succeeded).failureClass == .product)

        let command = GateVerdict(result: .fail, reasons: [GateReason(code: .commandFailed, message: "exit 1")])
        let notFound = FailureClassifier.classify(
            verdict: command, agentStatus: .succeeded, commandExits: [.exited(127)])
        #expect(notFound.failureClass == .env)
        let failing = FailureClassifier.classify(
            verdict: command, agentStatus: .succeeded, commandExits: [.exited(1), .exited(1)], flakyRerunsTried: true)
        #expect(failing.failureClass == .product && failing.confidence >= 0.8)
    }

    @Test func thePlaybookIsAnAllowListPerClass() {
        #expect(Playbook.action(for: .infra) == .backoffRetry)
        #expect(Playbook.action(for: .flaky) == .rerunCommand)
        #expect(Playbook.action(for: .env) == .freshWorkspace)
        #expect(Playbook.action(for: .automation) == .verboseResume)
        #expect(Playbook.action(for: .product) == .revise)
        #expect(Playbook.action(for: .product, untriedCommand: true) == .rerunCommand)
        for never in [FailureClass.policy, .data, .unknown] { #expect(Playbook.action(for: never) == .escalate) }
        #expect(FailureClass.policy.need == .pm && FailureClass.infra.need == .sre)
    }
}
