import ConveyorTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Crashes and expired leases with the built binary", .timeLimit(.minutes(3)))
struct StateCrashTests {
    @Test("SIGKILL between the local commit and the push leaves the remote untouched; the next run completes")
    func killedBeforePush() async throws {
        try await StateServer.with { server in
            let first = try await server.conveyor(record(1))
            #expect(first.status == 0, "\(first.stderr)")
            let before = try #require(try server.tip())

            let marker = server.scratch.appending("paused-before-push")
            server.server.pushHolds.hold("state", marker: marker)
            let null = URL(fileURLWithPath: "/dev/null")
            // Its own cache in the scratch directory: a killed process cannot remove a temporary one.
            let child = try SpawnedChild.start(
                try BuiltBinary.url().path,
                claim(holder: "doomed", runID: "doomed-run") + [
                    "--state-cache", server.scratch.appending("doomed").path,
                ],
                environment: ProcessInfo.processInfo.environment.merging(try server.environment()) { $1 },
                standardOutput: null, standardError: null)
            try await waitFor("the paused process", within: .seconds(30)) {
                FileManager.default.fileExists(atPath: marker.path)
            }
            child.send(SIGKILL)
            let ended = await child.exit()
            #expect(ended.signalled)

            #expect(try server.tip() == before)
            try Data("drop".utf8).write(to: marker)
            server.server.pushHolds.release("state")
            let runs = try await server.conveyor(["state", "runs", "--format", "json"])
            #expect(!runs.stdout.contains("doomed-run"))

            let next = try await server.conveyor(claim(holder: "survivor", runID: "survivor-run"))
            #expect(next.status == 0, "\(next.stderr)")
            #expect(try server.history().count == 2)
            #expect(try await server.conveyor(["state", "verify"]).status == 0)
        }
    }

    @Test("an expired lease is taken over by a new claim, and the crashed run is recorded as expired")
    func expiredLeaseTakenOver() async throws {
        try await StateServer.with { server in
            let crashed = try await server.conveyor(claim(holder: "crashed", runID: "crashed-run", ttl: 1))
            #expect(crashed.status == 0, "\(crashed.stderr)")
            try await Task.sleep(for: .milliseconds(1_200))

            let takeover = try await server.conveyor(
                claim(holder: "rescuer", runID: "rescuer-run") + ["--format", "json"])
            #expect(takeover.status == 0, "\(takeover.stderr)")
            let report = try #require(try StateServer.json(takeover) as? [String: Any])
            #expect(report["result"] as? String == "taken_over")
            #expect((report["previous"] as? [String: Any])?["holder"] as? String == "crashed")

            let runs = try #require(
                try StateServer.json(try await server.conveyor(["state", "runs", "--format", "json"]))
                    as? [[String: Any]])
            #expect(runs.first { $0["runID"] as? String == "crashed-run" }?["status"] as? String == "expired")
            #expect(try await server.conveyor(["state", "verify"]).status == 0)
        }
    }

    @Test("a push the remote refuses exits 4 naming a pending file; `state replay FILE` applies it later")
    func refusedPushThenReplay() async throws {
        try await StateServer.with { server in
            let hook = server.bare.appendingPathComponent("hooks/pre-receive")
            try Data("#!/bin/sh\nexit 1\n".utf8).write(to: hook)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

            let refused = try await server.conveyor(record(5))
            #expect(refused.status == 4)
            let files = try FileManager.default.contentsOfDirectory(atPath: server.runnerTemp.path)
            let name = try #require(files.first { $0.hasPrefix("conveyor-pending-state-") })
            let file = server.runnerTemp.appendingPathComponent(name)
            #expect(refused.stderr.contains("conveyor state replay \(file.path)"))
            #expect(!refused.stderr.contains(server.token))
            #expect(try server.tip() == nil)

            try FileManager.default.removeItem(at: hook)
            let replay = try await server.conveyor(["state", "replay", file.path])
            #expect(replay.status == 0, "\(replay.stderr)")
            #expect(!FileManager.default.fileExists(atPath: file.path))
            let runs = try await server.conveyor(["state", "runs"])
            #expect(runs.stdout.contains("run-5"))
        }
    }

    private func record(_ number: Int) -> [String] {
        [
            "state", "record-run", "--repository", "octo/repo", "--work-item", "\(number)", "--stage", "dev",
            "--status", "succeeded", "--run-id", "run-\(number)",
        ]
    }

    private func claim(holder: String, runID: String, ttl: Int = 600) -> [String] {
        [
            "state", "claim", "--repository", "octo/repo", "--work-item", "7", "--stage", "qa", "--holder", holder,
            "--run-id", runID, "--ttl", "\(ttl)",
        ]
    }

    private func waitFor(_ what: String, within limit: Duration, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
