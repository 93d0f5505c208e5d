import Foundation

/// Many Actions jobs at once, each running `conveyor run` for the intake stage on its own issue, against one
/// loopback git server (which holds every job's state branch pushes) and one fake forge: the burst that
/// `scripts/bench run-burst` measures and `RunBurstTests` checks at a smaller size.
///
/// Every job is its own Actions run (its own `GITHUB_RUN_ID`, `RUNNER_TEMP` and event file), uses the offline
/// agent, and starts at the same moment.
public enum RunBurst {
    /// What a burst did.
    public struct Report: Sendable {
        /// Each job's output, by issue number − 1.
        public var outputs: [ProcessOutput]
        /// Each job's wall time, in the same order.
        public var durations: [Duration]
        /// Pull requests opened, in all.
        public var pullRequests: Int
        /// Distinct head branches among them.
        public var pullRequestHeads: Int
        /// Status comments on each issue, in the same order.
        public var commentsPerIssue: [Int]
        /// Commits on the state branch after the burst.
        public var stateCommits: Int
        /// Runs the state branch records, and how many of them `succeeded`.
        public var runsRecorded: Int
        /// Recorded runs with status `succeeded`.
        public var runsSucceeded: Int
        /// Open leases left on the state branch.
        public var leasesLeft: Int
        /// Pending-state files the jobs wrote (a job that could not record its state).
        public var pendingFiles: Int
        /// The git requests the jobs made, by kind, with the server's CPU for each.
        public var gitRequests: GitRequestTally
        /// CPU seconds this process (the git server's HTTP side, the fake forge, the added delay) used while the
        /// jobs ran; the `git http-backend` children are in ``gitRequests``, the jobs in their outputs.
        public var harnessCPUSeconds: Double
        /// The size of the state database at the branch's tip after the burst.
        public var databaseBytes: Int

        /// Jobs that exited 0.
        public var succeeded: Int { outputs.filter(\.succeeded).count }
    }

    /// Runs `jobs` jobs at once with `requestDelay` added to every git request, then reads what they left.
    ///
    /// - Parameters:
    ///   - jobs: how many jobs (and issues).
    ///   - requestDelay: added by the git server before each answer.
    ///   - binary: the built `conveyor`.
    ///   - extra: variables laid over every job's.
    public static func run(
        jobs: Int, requestDelay: Duration, binary: URL, extra: [String: String] = [:]
    ) async throws -> Report {
        try await GitHTTPServer.withScratch(prefix: "burst", requestDelay: requestDelay) { git, _, token in
            let forge = try await FakeForge.start(token: token)
            do {
                let report = try await burst(
                    jobs: jobs, git: git, forge: forge, binary: binary, extra: extra)
                await forge.stop()
                return report
            } catch {
                await forge.stop()
                throw error
            }
        }
    }

    private static func burst(
        jobs: Int, git: GitHTTPServer, forge: FakeForge, binary: URL, extra: [String: String]
    ) async throws -> Report {
        let name = "\(forge.owner)/\(forge.repo)"
        let bare = try git.createBareRepository(name)
        try git.seed(name, files: ["README.md": "# Burst\n"], message: "Initial commit")
        await forge.setPermission(user: "Codertocat", level: .write)
        var environments: [[String: String]] = []
        var folders: [TemporaryDirectory] = []
        defer { for folder in folders { folder.remove() } }
        for index in 1...jobs {
            let issue = await forge.seedIssue(title: "Burst item \(index)", body: "Item \(index) of the burst.")
            let folder = try TemporaryDirectory(prefix: "burst-job")
            folders.append(folder)
            let directory = folder.url
            let payload = try ActionsJob.labeledIssue(.github, label: "run:intake", issue: issue)
            var job = try ActionsJob.make(
                .github, forge: forge, eventName: "issues", payload: payload, in: folder)
            job.variables["GITHUB_RUN_ID"] = "\(9000 + index)"
            job.variables["GITHUB_SERVER_URL"] = "http://127.0.0.1:\(git.port ?? 0)"
            job.variables["CONVEYOR_AGENT"] = "offline"
            job.variables["RUNNER_TEMP"] = directory.path
            job.variables["GITHUB_OUTPUT"] = directory.appendingPathComponent("output.txt").path
            job.variables["GITHUB_STEP_SUMMARY"] = directory.appendingPathComponent("summary.md").path
            for blank in ["GITHUB_WORKSPACE", "CONVEYOR_TOKEN", "CONVEYOR_STATE_REMOTE", "CONVEYOR_STATE_CACHE"] {
                job.variables[blank] = ""
            }
            environments.append(job.variables.merging(extra) { $1 })
        }
        let tallyBefore = git.tally
        let harnessBefore = Self.ownCPUSeconds()
        let results = try await withThrowingTaskGroup(of: (Int, ProcessOutput, Duration).self) { group in
            for (index, environment) in environments.enumerated() {
                group.addTask {
                    let started = ContinuousClock.now
                    let output = try await ProcessRunner.runDetached(
                        [binary.path, "run"], environment: environment)
                    return (index, output, ContinuousClock.now - started)
                }
            }
            var results: [Int: (ProcessOutput, Duration)] = [:]
            for try await (index, output, duration) in group { results[index] = (output, duration) }
            return (0..<jobs).compactMap { results[$0] }
        }
        let harnessCPU = Self.ownCPUSeconds() - harnessBefore
        let tally = git.tally.since(tallyBefore)
        let pulls = await forge.pulls()
        var comments: [Int] = []
        for issue in 1...jobs { comments.append(await forge.comments(issue: issue).count) }
        let count = try GitCLI.run(["-C", bare.path, "rev-list", "--count", "conveyor/state"])
        let databaseBytes = try? GitCLI.run(["-C", bare.path, "cat-file", "-s", "conveyor/state:state.sqlite"])
        let runs = try await ProcessRunner.runDetached(
            [binary.path, "state", "runs", "--format", "json", "--limit", "100000"], environment: environments[0])
        let list = (try? JSONSerialization.jsonObject(with: Data(runs.stdout.utf8))) as? [[String: Any]] ?? []
        let show = try await ProcessRunner.runDetached(
            [binary.path, "state", "show", "--format", "json"], environment: environments[0])
        let shown = (try? JSONSerialization.jsonObject(with: Data(show.stdout.utf8))) as? [String: Any] ?? [:]
        let pending = folders.reduce(0) { total, folder in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return total + files.filter { $0.hasPrefix("conveyor-pending-state") }.count
        }
        return Report(
            outputs: results.map(\.0), durations: results.map(\.1), pullRequests: pulls.count,
            pullRequestHeads: Set(pulls.map(\.head)).count, commentsPerIssue: comments,
            stateCommits: Int(count) ?? 0, runsRecorded: list.count,
            runsSucceeded: list.filter { $0["status"] as? String == "succeeded" }.count,
            leasesLeft: (shown["leases"] as? [Any])?.count ?? -1, pendingFiles: pending, gitRequests: tally,
            harnessCPUSeconds: harnessCPU, databaseBytes: databaseBytes.flatMap { Int($0) } ?? 0)
    }

    /// CPU seconds (user + system) this process used so far, its children excluded.
    private static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
