import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor tick` as the built binary: `--now`, a dry run that writes nothing, then the real tick, then a tick with
/// nothing due.
@Suite struct TickBinaryTests {
    @Test func aDryRunWritesNothingAndTheRealTickStartsTheTrainOnce() async throws {
        try await GitHTTPServer.withScratch(prefix: "tick-binary") { server, scratch, token in
            let forge = try await FakeForge.start(token: token)
            defer { Task { await forge.stop() } }
            do {
                try server.createBareRepository("state")
                let checkout = scratch.appending("checkout")
                try FileManager.default.createDirectory(
                    at: checkout.appendingPathComponent(".conveyor"), withIntermediateDirectories: true)
                try """
                release_train:
                  teams: {backend: [bob]}
                tick: {reminders: false}
                """.write(
                    to: checkout.appendingPathComponent(".conveyor/config.yml"), atomically: true, encoding: .utf8)
                await forge.seedTag("v1.4.2")
                let environment = [
                    "GITHUB_REPOSITORY": "\(forge.owner)/\(forge.repo)",
                    "GITHUB_API_URL": forge.githubURL.absoluteString,
                    "CONVEYOR_TOKEN": forge.token, "GITHUB_WORKSPACE": checkout.path, "RUNNER_TEMP": scratch.path,
                    "CONVEYOR_STATE_REMOTE": try server.url(for: "state").absoluteString, "GITEA_ACTIONS": "",
                    "GITHUB_ACTIONS": "", "CONVEYOR_STATE_DEADLINE_MINUTES": "1",
                ]
                let binary = try BuiltBinary.url().path
                let bad = try await onOwnThread {
                    try ProcessRunner.run([binary, "tick", "--now", "Friday at eleven"], environment: environment)
                }
                #expect(bad.status == 64, "\(bad.stdout)\(bad.stderr)")
                #expect(bad.stderr.contains("RFC 3339"))

                let tickEnvironment = environment
                let dry = try await onOwnThread {
                    try ProcessRunner.run(
                        [binary, "tick", "--now", "2026-12-04T11:00:00+03:00", "--dry-run"],
                        environment: tickEnvironment)
                }
                #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
                #expect(dry.stdout.contains("tick: would open the issue \"Release 1.5.0\""), "\(dry.stdout)")
                #expect(await forge.exchanges().filter { $0.method != "GET" }.isEmpty)

                let real = try await onOwnThread {
                    try ProcessRunner.run(
                        [binary, "tick", "--now", "2026-12-04T11:00:00+03:00"], environment: tickEnvironment)
                }
                #expect(real.status == 0, "\(real.stdout)\(real.stderr)")
                #expect(real.stdout.contains("NOT_STARTED → WAIT_START_APPROVAL"), "\(real.stdout)\(real.stderr)")
                let idle = try await onOwnThread {
                    try ProcessRunner.run(
                        [binary, "tick", "--now", "2026-12-04T11:05:00+03:00"], environment: tickEnvironment)
                }
                #expect(idle.status == 0, "\(idle.stdout)\(idle.stderr)")
                #expect(idle.stdout.contains("tick: nothing due"), "\(idle.stdout)")
                #expect(await forge.issue(1)?.title == "Release 1.5.0")
            }
        }
    }
}
