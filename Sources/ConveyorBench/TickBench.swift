import ConveyorTestSupport
import Foundation
import Git
import StateBranch

/// `tick-idle`: `conveyor tick` with a release train waiting for its next check, 500 open items on the loopback fake
/// forge and 500 work items in state, when nothing is due (the common case of a 15-minute schedule), next to
/// `conveyor --version` (process start). Also `tick-busy`: the same world four hours later, when the heartbeat's
/// chores are due and it lists every open item and compares it with state. Targets: idle ≤ 1 s, busy ≤ 5 s.
enum TickBench {
    static let items = 500

    static func run() async throws {
        let binary = try BenchBinary.conveyor()
        try await BenchPeers.with(prefix: "bench-tick") { peers in
            let (scratch, git, forge, token) = (peers.scratch, peers.git, peers.forge, peers.token)
            let now = ISO8601DateFormatter().date(from: "2026-12-07T09:00:00Z") ?? Date()
            try git.createBareRepository("state")
            let remote = try git.url(for: "state")
            for number in 1...items {
                await forge.seedIssue(
                    title: "Item \(number)", labels: number.isMultiple(of: 2) ? ["state:in-review"] : ["bug"])
            }
            try await seedState(
                remote: remote, token: token, repository: "\(forge.owner)/\(forge.repo)", now: now, in: scratch)
            let checkout = scratch.appending("checkout")
            try FileManager.default.createDirectory(
                at: checkout.appendingPathComponent(".conveyor"), withIntermediateDirectories: true)
            try """
            release_train:
              teams: {backend: [bob], ios: [dave]}
            tick: {remind_after: 30d}
            """.write(to: checkout.appendingPathComponent(".conveyor/config.yml"), atomically: true, encoding: .utf8)
            let environment = [
                "GITHUB_REPOSITORY": "\(forge.owner)/\(forge.repo)", "GITHUB_API_URL": forge.githubURL.absoluteString,
                "CONVEYOR_TOKEN": token, "GITHUB_WORKSPACE": checkout.path, "RUNNER_TEMP": scratch.path,
                "CONVEYOR_STATE_REMOTE": remote.absoluteString, "HOME": scratch.path,
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            ]
            let stamp = { (date: Date) in ISO8601DateFormatter().string(from: date) }
            var idle = Samples()
            var start = Samples()
            for _ in 0..<5 {
                idle.record(.milliseconds(try await measured([binary.path, "tick", "--now", stamp(now)], environment)))
                start.record(.milliseconds(try await measured([binary.path, "--version"], environment)))
            }
            let busy = try await measured(
                [binary.path, "tick", "--now", stamp(now.addingTimeInterval(4 * 3_600))], environment)
            let format = { (value: Double) in BenchFormat.number(value, digits: 1) }
            print(
                "tick-idle items=\(items) median_ms=\(format(idle.percentile(0.5))) "
                    + "process_start_ms=\(format(start.percentile(0.5))) "
                    + "ratio=\(BenchFormat.number(idle.percentile(0.5) / max(1, start.percentile(0.5)), digits: 2)) "
                    + "busy_ms=\(format(busy)) target_idle<=1000 target_busy<=5000")
        }
    }

    /// 500 finished runs, an idle train waiting for readiness, and both chores checked, all due after `now`.
    private static func seedState(
        remote: URL, token: String, repository: String, now: Date, in scratch: TemporaryDirectory
    )
        async throws
    {
        let later = now.addingTimeInterval(3_600)
        var changes: [StateChange] = []
        for number in 1...items {
            let key = WorkItemKey(repository: repository, number: number)
            changes += [
                .startRun(
                    RunStart(
                        runID: "run-\(number)", workItem: key, stage: "intake", mode: "run",
                        at: now.addingTimeInterval(-86_400))),
                .finishRun(
                    RunFinish(
                        runID: "run-\(number)", status: .succeeded, outcome: "pass", at: now.addingTimeInterval(-86_000)
                    )),
            ]
        }
        changes.append(
            .saveFlow(
                FlowRecord(
                    flow: "release-train", instance: "2026-W50", state: "WAIT_READINESS_CONFIRMATIONS", revision: 6,
                    dataJSON: #"{"version":"2.8.0","issue":1,"cursor":0,"milestones":{},"readiness":{},"entered":{}}"#,
                    startedAt: now.addingTimeInterval(-3_600), updatedAt: now, nextCheckAt: later)))
        for chore in ["status-repair", "reminders"] {
            changes.append(
                .saveFlow(
                    FlowRecord(
                        flow: "heartbeat", instance: chore, state: "SCHEDULED", revision: 1, dataJSON: "{}",
                        startedAt: now, updatedAt: now, nextCheckAt: later)))
        }
        let location = StateLocation(
            remote: remote, credentials: .token(token), cacheDirectory: scratch.appending("seed-cache"))
        _ = try await StateBranchStore(location: location).apply(changes, message: "bench: seed")
    }

    private static func measured(_ command: [String], _ environment: [String: String]) async throws -> Double {
        let bench = CommandLine.arguments[0]
        let output = try await ProcessRunner.runDetached([bench, "measure"] + command, environment: environment)
        let fields = output.stdout.split(whereSeparator: \.isWhitespace).compactMap {
            Double($0.split(separator: "=").last ?? "")
        }
        guard output.succeeded, fields.count == 3, fields[0] == 0 else {
            throw BenchFailure(message: "`\(command.joined(separator: " "))` failed: \(output.stdout)\(output.stderr)")
        }
        return fields[1]
    }
}
