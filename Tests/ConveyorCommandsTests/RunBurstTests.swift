import ConveyorTestSupport
import Foundation
import Testing

/// A burst of concurrent jobs on as many issues, with a forge's round-trip time added to every git request: none
/// gives up, and each leaves exactly one pull request, one status comment and one run record, in two state commits
/// per run. (The 32-job burst with timings is `scripts/bench run-burst`.)
@Suite("A burst of concurrent jobs", .timeLimit(.minutes(10)))
struct RunBurstTests {
    static let jobs = 10

    @Test("10 jobs on 10 issues with 150 ms per git request all succeed, with one PR, comment and run each")
    func everyJobOfABurstSucceedsOnce() async throws {
        let report = try await RunBurst.run(
            jobs: Self.jobs, requestDelay: .milliseconds(150), binary: try BuiltBinary.url())
        for (index, output) in report.outputs.enumerated() {
            #expect(output.succeeded, "job \(index + 1): \(output.status)\n\(output.stdout)\n\(output.stderr)")
        }
        #expect(report.pullRequests == Self.jobs)
        #expect(report.pullRequestHeads == Self.jobs)
        #expect(report.commentsPerIssue == Array(repeating: 1, count: Self.jobs))
        #expect(report.runsRecorded == Self.jobs)
        #expect(report.runsSucceeded == Self.jobs)
        #expect(report.leasesLeft == 0)
        #expect(report.pendingFiles == 0)
        #expect(report.stateCommits <= 2 * Self.jobs, "state commits per run: \(report.stateCommits)")
    }
}
