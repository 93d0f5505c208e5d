import ConveyorTestSupport
import Foundation

/// `run-overhead`: one `conveyor run` of the intake stage with the offline agent, on a repository of 10,000 files
/// with an existing checkout (`GITHUB_WORKSPACE`), against the loopback fake forge and git server: wall time and
/// peak RSS of the conveyor process, next to `git status` on the same checkout (a baseline that also reads every
/// file's metadata). Targets: wall ≤ 1.0 s, RSS ≤ 150 MB.
enum RunOverheadBench {
    static let fileCount = 10_000

    static func run() async throws {
        let binary = try BenchBinary.conveyor()
        try await BenchPeers.with(prefix: "bench-run") { peers in
            let (scratch, git, forge) = (peers.scratch, peers.git, peers.forge)
            let name = "\(forge.owner)/\(forge.repo)"
            let bare = try git.createBareRepository(name)
            try await GitCLI.runDetached(
                ["-C", bare.path, "fast-import", "--quiet"], input: FastImportStream.make(files: fileCount, commits: 1))
            let checkout = scratch.appending("checkout")
            try await GitCLI.runDetached(["clone", "--quiet", bare.path, checkout.path])
            let issue = await forge.seedIssue(title: "Benchmark intake", body: "Measure the executor.")
            await forge.setPermission(user: "Codertocat", level: .write)
            let payload = try ActionsJob.labeledIssue(.github, label: "run:intake", issue: issue)
            var job = try ActionsJob.make(.github, forge: forge, eventName: "issues", payload: payload, in: scratch)
            job.variables["GITHUB_SERVER_URL"] = "http://127.0.0.1:\(git.port ?? 0)"
            job.variables["GITHUB_WORKSPACE"] = checkout.path
            job.variables["CONVEYOR_AGENT"] = "offline"
            job.variables["RUNNER_TEMP"] = scratch.path

            let log = scratch.appending("run.jsonl")
            job.variables["CONVEYOR_LOG_FILE"] = log.path
            let gitBefore = git.requestCount
            let conveyor = try await measured([binary.path, "run"], environment: job.variables)
            let gitRequests = git.requestCount - gitBefore
            let forgeRequests = await forge.exchanges().count
            let baseline = try await measured(["git", "-C", checkout.path, "status", "--porcelain"], environment: [:])
            let format = { (value: Double) in BenchFormat.number(value, digits: 1) }
            print(
                "run-overhead files=\(fileCount) wall_ms=\(format(conveyor.milliseconds)) "
                    + "peak_rss_mb=\(format(conveyor.peakMB)) git_status_ms=\(format(baseline.milliseconds)) "
                    + "git_status_rss_mb=\(format(baseline.peakMB)) git_requests=\(gitRequests) "
                    + "forge_requests=\(forgeRequests) target_wall<=1000 target_rss<=150")
            FileHandle.standardError.write(Data("run-overhead steps: \(steps(in: log))\n".utf8))
        }
    }

    /// `step:result=ms` for each line of the run's JSON-lines log (milliseconds since the line before), so a
    /// slow run shows where its time went.
    static func steps(in log: URL) -> String {
        let lines = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n") ?? []
        return lines.compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let step = object["step"] as? String, let result = object["result"] as? String
            else { return nil }
            return "\(step):\(result)=\(object["latency_ms"] as? Int ?? -1)"
        }.joined(separator: " ")
    }

    /// Runs `command` through `ConveyorBench measure`, which reports the child's wall time and peak RSS alone.
    private static func measured(_ command: [String], environment: [String: String]) async throws
        -> (milliseconds: Double, peakMB: Double)
    {
        let bench = CommandLine.arguments[0]
        let output = try await ProcessRunner.runDetached([bench, "measure"] + command, environment: environment)
        let fields = output.stdout.split(whereSeparator: \.isWhitespace).compactMap {
            Double($0.split(separator: "=").last ?? "")
        }
        guard output.succeeded, fields.count == 3, fields[0] == 0 else {
            throw BenchFailure(message: "`\(command.joined(separator: " "))` failed: \(output.stdout)\(output.stderr)")
        }
        return (fields[1], fields[2])
    }
}

/// `measure CMD…`: runs one command and prints `status=… wall_ms=… peak_rss_mb=…` for it alone (this process
/// has no other children, so `RUSAGE_CHILDREN` is the command's own peak).
enum MeasureCommand {
    static func run() async throws {
        let command = Array(CommandLine.arguments.dropFirst(2))
        let started = ContinuousClock.now
        let output = try ProcessRunner.run(command)
        let wall = Samples.milliseconds(ContinuousClock.now - started)
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        FileHandle.standardError.write(Data(output.stderr.utf8))
        print("status=\(output.status) wall_ms=\(wall) peak_rss_mb=\(Double(usage.ru_maxrss) / 1024)")
    }
}
