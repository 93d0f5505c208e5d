import Agents
import Testing

/// The verdict table: exit status, signal, timeout and result together.
@Suite("Status judging")
struct StatusJudgingTests {
    private static let success: AgentReport = {
        var report = AgentReport()
        report.type = "result"
        report.subtype = "success"
        report.isError = false
        return report
    }()

    private static func exit(_ status: Int32?, signal: Int32? = nil, timedOut: Bool = false) -> ProcessExit {
        ProcessExit(exitStatus: status, signal: signal, timedOut: timedOut, elapsed: .seconds(2))
    }

    @Test("A timeout wins over everything, even a success report")
    func timeoutWins() {
        #expect(
            AgentStatus.judge(Self.exit(nil, signal: 9, timedOut: true), report: .success(Self.success)) == .timedOut)
        #expect(AgentStatus.judge(Self.exit(0, timedOut: true), report: nil) == .timedOut)
    }

    @Test("A signal is a crash naming it")
    func signal() {
        #expect(
            AgentStatus.judge(Self.exit(nil, signal: 11), report: .success(Self.success))
                == .crashed(exitStatus: nil, signal: 11))
    }

    @Test("Exit status only: 0 succeeds, anything else crashes")
    func exitStatusOnly() {
        #expect(AgentStatus.judge(Self.exit(0), report: nil) == .succeeded)
        #expect(AgentStatus.judge(Self.exit(2), report: nil) == .crashed(exitStatus: 2, signal: nil))
    }

    @Test("A success report needs exit 0; a non-zero exit with one is a crash")
    func successNeedsCleanExit() {
        #expect(AgentStatus.judge(Self.exit(0), report: .success(Self.success)) == .succeeded)
        #expect(AgentStatus.judge(Self.exit(1), report: .success(Self.success)) == .crashed(exitStatus: 1, signal: nil))
    }

    @Test("Unreadable output is invalid on exit 0 and a crash otherwise")
    func unreadableOutput() {
        let invalid = InvalidAgentOutput(reason: "the output has no JSON result object (1 line of text)")
        #expect(AgentStatus.judge(Self.exit(0), report: .failure(invalid)) == .invalidOutput(reason: invalid.reason))
        #expect(AgentStatus.judge(Self.exit(137), report: .failure(invalid)) == .crashed(exitStatus: 137, signal: nil))
    }

    @Test("Status names and descriptions are stable")
    func names() {
        #expect(AgentStatus.timedOut.name == "timed_out")
        #expect(AgentStatus.invalidOutput(reason: "x").name == "invalid_output")
        #expect(AgentStatus.crashed(exitStatus: 3, signal: nil).description == "crashed: exited with status 3")
        #expect(AgentStatus.crashed(exitStatus: nil, signal: 9).description == "crashed: ended by signal 9")
        #expect(AgentStatus.succeeded.isSuccess && !AgentStatus.timedOut.isSuccess)
    }
}
