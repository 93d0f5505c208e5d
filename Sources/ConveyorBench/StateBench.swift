import ConveyorTestSupport
import Foundation
import Git
import StateBranch

/// `state-commit`: latency of one state write (fetch, apply, commit, push, replay on rejection) with 1, 4 and 16
/// concurrent writers through ``StateBranchStore``, next to the same round done by the git CLI (fetch, reset,
/// write a file, commit, push, retry on rejection) in the same run; ratio of medians, target `<= 1.5`.
///
/// `state-growth`: 1,000 runs recorded sequentially (one commit each), then `git gc` on
/// the bare remote: packed bytes per run, target `<= 16 KiB`. Both print only; nothing asserts.
enum StateBench {
    static let writerCounts = [1, 4, 16]
    static let writesPerWriter = 4
    static let growthRuns = 1_000
    /// Rounds per write before giving up, for both sides: high, so the bench measures latency under contention.
    static let attempts = 30

    static func commit() async throws {
        let bench = try await BenchServer.start()
        for writers in writerCounts {
            let conveyor = try await conveyorSamples(bench, writers: writers)
            let cli = try await cliSamples(bench, writers: writers)
            let ratio = median(conveyor) / median(cli)
            print(
                "state-commit writers=\(writers) conveyor_median_ms=\(format(median(conveyor))) "
                    + "p95_ms=\(format(p95(conveyor))) cli_median_ms=\(format(median(cli))) "
                    + "cli_p95_ms=\(format(p95(cli))) ratio=\(format(ratio)) target<=1.5 writes=\(conveyor.count)")
        }
        await bench.stop()
    }

    static func growth() async throws {
        let bench = try await BenchServer.start()
        try bench.server.createBareRepository("growth")
        let store = StateBranchStore(location: try bench.location("growth", cache: "growth-cache"))
        let item = WorkItemKey(repository: "bench/repo", number: 1)
        for run in 1...growthRuns {
            let runID = "growth-\(run)"
            _ = try await store.apply(runChanges(runID: runID, item: item), message: "state: record run \(runID)")
        }
        let bare = bench.server.directory(for: "growth")
        try GitCLI.run(["-C", bare.path, "gc", "--quiet"])
        let counts = try GitCLI.run(["-C", bare.path, "count-objects", "-v"])
        let kib = counts.split(separator: "\n").reduce(0) { total, line in
            let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && ["size", "size-pack"].contains(parts[0]) ? total + (Int(parts[1]) ?? 0) : total
        }
        let commits = try GitCLI.run(["-C", bare.path, "rev-list", "--count", "conveyor/state"])
        print(
            "state-growth runs=\(growthRuns) commits=\(commits) packed_kib=\(kib) "
                + "bytes_per_run=\(kib * 1_024 / growthRuns) target<=16384")
        await bench.stop()
    }

    /// One recorded run as a job writes it: start, lease, a checkpoint, an audit event, finish (freeing the lease).
    private static func runChanges(runID: String, item: WorkItemKey) -> [StateChange] {
        let now = Date()
        return [
            .startRun(RunStart(runID: runID, workItem: item, stage: "dev", mode: "run", at: now)),
            .claimLease(
                LeaseClaim(workItem: item, stage: "dev", holder: "bench", runID: runID, ttlSeconds: 600, now: now)),
            .checkpoint(
                CheckpointRecord(
                    idempotencyKey: "\(runID):comment", runID: runID, step: "publish.comment", state: "done",
                    externalRef: "comment-\(runID)", at: now)),
            .appendFlowEvent(
                FlowEventRecord(
                    idempotencyKey: "\(runID):label", correlationID: runID, workItem: item, actorType: "conveyor",
                    eventType: "label.removed", payloadJSON: #"{"label":"run:dev"}"#, at: now)),
            .finishRun(RunFinish(runID: runID, status: .succeeded, outcome: "pass", at: now)),
        ]
    }

    /// Per-write latencies of `writers` stores writing at once, `writesPerWriter` writes each.
    private static func conveyorSamples(_ bench: BenchServer, writers: Int) async throws -> [Duration] {
        let repository = "conveyor-\(writers)"
        try bench.server.createBareRepository(repository)
        _ = try await StateBranchStore(location: try bench.location(repository, cache: "\(repository)-seed"))
            .apply(
                [
                    .startRun(
                        RunStart(
                            runID: "seed", workItem: .init(repository: "b/r", number: 1), stage: "s", mode: "run",
                            at: Date()))
                ],
                message: "seed")
        return try await withThrowingTaskGroup(of: [Duration].self) { group in
            for writer in 0..<writers {
                let location = try bench.location(repository, cache: "\(repository)-\(writer)")
                group.addTask {
                    let store = StateBranchStore(location: location, options: StateWriteOptions())
                    _ = try await store.apply([], message: "warm-up")
                    var samples: [Duration] = []
                    for write in 0..<writesPerWriter {
                        let runID = "w\(writer)-\(write)"
                        let item = WorkItemKey(repository: "bench/repo", number: writer * 100 + write + 1)
                        let now = Date()
                        let changes: [StateChange] = [
                            .startRun(RunStart(runID: runID, workItem: item, stage: "dev", mode: "run", at: now)),
                            .finishRun(RunFinish(runID: runID, status: .succeeded, at: now)),
                        ]
                        let start = ContinuousClock.now
                        _ = try await store.apply(changes, message: "state: \(runID)")
                        samples.append(ContinuousClock.now - start)
                    }
                    return samples
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    /// The same rounds with the git CLI, each writer on its own thread with its own clone.
    private static func cliSamples(_ bench: BenchServer, writers: Int) async throws -> [Duration] {
        let repository = "cli-\(writers)"
        try bench.server.createBareRepository(repository)
        try bench.server.seed(repository, files: ["runs.txt": "seed\n"], message: "seed", branch: "conveyor/state")
        let remote = try bench.authenticatedURL(repository)
        return try await withThrowingTaskGroup(of: [Duration].self) { group in
            for writer in 0..<writers {
                let clone = bench.scratch.appending("\(repository)-clone-\(writer)")
                group.addTask {
                    try await onOwnThread {
                        try GitCLI.run(["clone", "--quiet", "--branch", "conveyor/state", remote, clone.path])
                        return try (0..<writesPerWriter).map { write in
                            let start = ContinuousClock.now
                            try cliWrite(in: clone, line: "w\(writer)-\(write)")
                            return ContinuousClock.now - start
                        }
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    /// fetch, reset to the tip, append a line, commit, push; on rejection back off and do it again.
    private static func cliWrite(in clone: URL, line: String) throws {
        for attempt in 1...attempts {
            try GitCLI.run(["fetch", "--quiet", "origin", "conveyor/state"], in: clone)
            try GitCLI.run(["reset", "--quiet", "--hard", "FETCH_HEAD"], in: clone)
            let file = clone.appendingPathComponent("runs.txt")
            let text = try String(contentsOf: file, encoding: .utf8) + line + "\n"
            try Data(text.utf8).write(to: file)
            try GitCLI.run(["commit", "--quiet", "-am", "state: \(line)"], in: clone)
            if try GitCLI.attempt(["push", "--quiet", "origin", "HEAD:conveyor/state"], in: clone).succeeded { return }
            let ceiling = min(0.1 * Double(1 << min(attempt - 1, 6)), 5)
            Thread.sleep(forTimeInterval: ceiling / 2 + Double.random(in: 0...(ceiling / 2)))
        }
        throw BenchFailure(message: "the git CLI writer gave up after \(attempts) rejected pushes")
    }

    private static func median(_ samples: [Duration]) -> Double {
        milliseconds(samples.sorted()[samples.count / 2])
    }

    private static func p95(_ samples: [Duration]) -> Double {
        milliseconds(samples.sorted()[min(samples.count - 1, samples.count * 95 / 100)])
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

/// A loopback git server in a scratch directory, for the state benchmarks.
private struct BenchServer {
    let scratch: TemporaryDirectory
    let server: GitHTTPServer
    let token: String

    static func start() async throws -> BenchServer {
        let scratch = try TemporaryDirectory(prefix: "state-bench")
        let token = "bench-\(UUID().uuidString)"
        let server = GitHTTPServer(root: scratch.appending("served"), token: token)
        try FileManager.default.createDirectory(at: server.root, withIntermediateDirectories: true)
        try await server.start()
        return BenchServer(scratch: scratch, server: server, token: token)
    }

    func stop() async {
        await server.stop()
        scratch.remove()
    }

    /// The location of `repository` with the cache directory `cache` in the scratch directory.
    func location(_ repository: String, cache: String) throws -> StateLocation {
        StateLocation(
            remote: try server.url(for: repository), credentials: .token(token),
            cacheDirectory: scratch.appending(cache))
    }

    /// The remote URL with the token as basic-auth password, for the git CLI (loopback only).
    func authenticatedURL(_ repository: String) throws -> String {
        try server.url(for: repository).absoluteString.replacingOccurrences(
            of: "http://", with: "http://bench:\(token)@")
    }
}
