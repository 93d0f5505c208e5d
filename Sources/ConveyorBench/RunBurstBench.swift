import ConveyorTestSupport
import Foundation
import Git
import StateBranch

/// `run-burst`: 32 Actions jobs at once on 32 issues (`conveyor run`, intake, offline agent), with 150 ms added to
/// every git request as a forge's round trip, against one state branch; compared in the same run with one job
/// alone on the same setup. Prints jobs succeeded, p50/p95 job wall time, state commits per run, the single job's
/// time and the ratio p95/single. Targets: 32/32 succeed, ≤ 2 state commits per run, p95 ≤ 8× single.
enum RunBurstBench {
    static let jobs = 32
    static let requestDelay: Duration = .milliseconds(150)

    static func run() async throws {
        let binary = try BenchBinary.conveyor()
        let commit = try await oneStateCommit()
        print(
            "run-burst-probe delay_ms=150 state_commit_ms=\(BenchFormat.number(commit.milliseconds, digits: 0)) "
                + "git_requests_per_state_commit=\(commit.requests)")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("run-burst-single-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: log) }
        let single = try await RunBurst.run(
            jobs: 1, requestDelay: requestDelay, binary: binary, extra: ["CONVEYOR_LOG_FILE": log.path])
        FileHandle.standardError.write(Data("run-burst single job steps: \(RunOverheadBench.steps(in: log))\n".utf8))
        guard single.succeeded == 1 else {
            throw BenchFailure(message: "the single job failed: \(single.outputs.first?.stderr ?? "")")
        }
        let burst = try await RunBurst.run(jobs: jobs, requestDelay: requestDelay, binary: binary)
        var samples = Samples()
        for duration in burst.durations { samples.record(duration) }
        let alone = Samples.milliseconds(single.durations[0])
        let format = { (value: Double) in BenchFormat.number(value, digits: 0) }
        let perRun = Double(burst.stateCommits) / Double(jobs)
        let oneEach =
            burst.pullRequests == jobs && burst.pullRequestHeads == jobs
            && burst.commentsPerIssue.allSatisfy { $0 == 1 } && burst.runsSucceeded == jobs
        print(
            "run-burst jobs=\(jobs) delay_ms=150 succeeded=\(burst.succeeded) one_pr_comment_run_each=\(oneEach) "
                + "pending_files=\(burst.pendingFiles) leases_left=\(burst.leasesLeft) "
                + "p50_ms=\(format(samples.median)) p95_ms=\(format(samples.p95)) "
                + "max_ms=\(format(samples.percentile(100))) single_ms=\(format(alone)) "
                + "ratio_p95_single=\(BenchFormat.number(samples.p95 / alone, digits: 2)) "
                + "state_commits_per_run=\(BenchFormat.number(perRun, digits: 2)) "
                + "single_state_commits=\(single.stateCommits) "
                + "runs_per_minute=\(BenchFormat.number(Double(jobs) / (samples.percentile(100) / 60_000), digits: 1)) "
                + "target_succeeded=\(jobs) target_commits_per_run<=2 target_ratio<=8")
        for (name, report) in [("single", single), ("burst", burst)] {
            print(cpuLine(name, report))
        }
        for (index, output) in burst.outputs.enumerated() where !output.succeeded {
            FileHandle.standardError.write(Data("job \(index + 1) exited \(output.status): \(output.stderr)\n".utf8))
        }
    }

    /// `run-burst-cpu`: where one job's CPU and git requests went, per job: the `conveyor` process, the
    /// `git http-backend` children by kind of request, and this harness's own process (HTTP serving, fake forge).
    private static func cpuLine(_ name: String, _ report: RunBurst.Report) -> String {
        let jobs = Double(report.outputs.count)
        let format = { (value: Double) in BenchFormat.number(value, digits: 3) }
        let conveyor = report.outputs.reduce(0) { $0 + $1.cpuSeconds } / jobs
        let tally = report.gitRequests
        var fields = [
            "run-burst-cpu", "phase=\(name)", "jobs=\(report.outputs.count)",
            "conveyor_cpu_s=\(format(conveyor))", "git_backend_cpu_s=\(format(tally.cpuSeconds / jobs))",
            "harness_cpu_s=\(format(report.harnessCPUSeconds / jobs))",
            "git_requests=\(format(Double(tally.requests) / jobs))", "state_db_kib=\(report.databaseBytes / 1024)",
        ]
        for kind in GitRequestTally.Kind.allCases where tally[kind].requests > 0 {
            let figures = tally[kind]
            fields.append(
                "\(kind.rawValue)=\(format(Double(figures.requests) / jobs))/"
                    + "\(format(figures.cpuSeconds / jobs))s/\(figures.bytesSent / Int(jobs) / 1024)KiB")
        }
        return fields.joined(separator: " ")
    }

    /// One state commit through ``StateBranchStore`` on an existing branch, alone, with the burst's delay: its
    /// wall time and the git requests it made (the `r` of ADR 0008).
    private static func oneStateCommit() async throws -> (milliseconds: Double, requests: Int) {
        try await GitHTTPServer.withScratch(prefix: "burst-probe", requestDelay: requestDelay) { git, scratch, token in
            _ = try git.createBareRepository("state")
            let location = StateLocation(
                remote: try git.url(for: "state"), credentials: .token(token),
                cacheDirectory: scratch.appending("cache"))
            let store = StateBranchStore(location: location)
            let item = WorkItemKey(repository: "bench/repo", number: 1)
            func run(_ id: String) -> [StateChange] {
                [.startRun(RunStart(runID: id, workItem: item, stage: "intake", mode: "run", at: Date()))]
            }
            _ = try await store.apply(run("first"), message: "first")
            let before = git.requestCount
            let started = ContinuousClock.now
            _ = try await store.apply(run("second"), message: "second")
            return (Samples.milliseconds(ContinuousClock.now - started), git.requestCount - before)
        }
    }
}
