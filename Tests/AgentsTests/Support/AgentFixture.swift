import Agents
import ConveyorTestSupport
import Foundation

/// One test's private directories: a work tree, a log directory and a scratch `HOME`.
struct AgentFixture {
    let scratch: TemporaryDirectory
    let work: URL
    let logs: URL
    let home: URL

    /// Runs `body` with fresh directories and removes them afterwards.
    static func with<Result>(_ body: (AgentFixture) async throws -> Result) async throws -> Result {
        let scratch = try TemporaryDirectory(prefix: "agents")
        defer { scratch.remove() }
        let fixture = AgentFixture(
            scratch: scratch, work: scratch.appending("work"), logs: scratch.appending("logs"),
            home: scratch.appending("home"))
        for folder in [fixture.work, fixture.home] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        return try await body(fixture)
    }

    /// A minimal parent environment: `PATH` and this fixture's `HOME`, plus `extra`.
    func parentEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8"].merging(extra) { _, new in new }
    }

    /// An invocation of `kind` in this fixture's work tree, for work item 7 of stage `intake`.
    func invocation(
        _ kind: AgentKind, prompt: String = "Write the intake documents.", environment: [String: String]? = nil,
        timeout: Duration = .seconds(60)
    ) -> AgentInvocation {
        AgentInvocation(
            kind: kind, prompt: prompt, workDirectory: work, logDirectory: logs, stage: "intake", workItem: 7,
            runID: "run-0001", timeout: timeout, terminationGrace: .milliseconds(500),
            environment: environment ?? parentEnvironment())
    }

    /// The text of `relativePath` in the work tree, or nil when it does not exist.
    func workFile(_ relativePath: String) -> String? {
        try? String(contentsOf: work.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
