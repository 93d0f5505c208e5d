import ConveyorTestSupport
import Foundation
import Git
import StateBranch
import Store

/// One test's private world: a loopback git server with its own token serving an empty bare repository
/// `state.git`, and a scratch directory for caches and pending files.
struct StateFixture {
    let scratch: TemporaryDirectory
    let server: GitHTTPServer
    let token: String

    /// The work item most tests write about.
    static let item = WorkItemKey(repository: "octo/repo", number: 12)
    /// A fixed time, so lease expiry is decided by the test and not by the clock.
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs `body` with a fresh fixture and tears the server and the directory down afterwards.
    static func with<Result>(_ body: (StateFixture) async throws -> Result) async throws -> Result {
        try await GitHTTPServer.withScratch(prefix: "state-tests") { server, scratch, token in
            try server.createBareRepository("state")
            return try await body(StateFixture(scratch: scratch, server: server, token: token))
        }
    }

    /// The bare repository's directory, for the git CLI.
    var bare: URL { server.directory(for: "state") }

    /// A location with its own fresh cache directory, as a separate job would have.
    func location() throws -> StateLocation {
        StateLocation(
            remote: try server.url(for: "state"), credentials: .token(token),
            cacheDirectory: scratch.appending("cache-\(UUID().uuidString.prefix(8))"))
    }

    /// A store with its own cache; pending files go to `<scratch>/pending`.
    func store(
        deadline: Duration = .seconds(60), pauseBeforePush: URL? = nil, label: String = "test",
        claimFoldMargin: Duration = .seconds(30)
    ) throws -> StateBranchStore {
        let options = StateWriteOptions(
            deadline: deadline, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(200),
            transferTimeout: .seconds(30), pendingDirectory: scratch.appending("pending"), pendingLabel: label,
            pauseBeforePush: pauseBeforePush, claimFoldMargin: claimFoldMargin)
        return StateBranchStore(location: try location(), options: options)
    }

    /// The changes of one complete run of `stage` on `item`.
    static func completeRun(_ runID: String, item: WorkItemKey = item, stage: String = "dev") -> [StateChange] {
        [
            .startRun(RunStart(runID: runID, workItem: item, stage: stage, mode: "run", actor: "octocat", at: t0)),
            .finishRun(RunFinish(runID: runID, status: .succeeded, outcome: "pass", at: t0.addingTimeInterval(60))),
        ]
    }

    /// The changes of a claim: the run starts and takes the lease on `(item, stage)`.
    static func claim(
        _ runID: String, holder: String, ttl: Int = 600, now: Date = t0, stage: String = "dev"
    ) -> [StateChange] {
        [
            .startRun(RunStart(runID: runID, workItem: item, stage: stage, mode: "run", at: now)),
            .claimLease(
                LeaseClaim(workItem: item, stage: stage, holder: holder, runID: runID, ttlSeconds: ttl, now: now)),
        ]
    }

    /// The run IDs recorded at the tip of the branch, sorted.
    func recordedRuns() async throws -> [String] {
        let snapshot = try await StateSnapshot.fetch(try location())
        let runs = try await snapshot.database.runs(limit: 1_000).map(\.runID).sorted()
        try await snapshot.close()
        return runs
    }

    /// The branch's commits as the git CLI sees them (`id parent…` per line), newest first.
    func cliHistory() throws -> [[String]] {
        try GitCLI.run(["-C", bare.path, "rev-list", "--parents", "conveyor/state"])
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    }

    /// The batches writers shared on the remote after losing a race (ADR 0008), as the git CLI lists them.
    func sharedBatches() throws -> [String] {
        try GitCLI.run(["-C", bare.path, "for-each-ref", "--format=%(refname)", "refs/conveyor/batches/"])
            .split(separator: "\n").map(String.init)
    }

    /// The branch tip according to the git CLI, or nil when the branch does not exist.
    func cliTip() throws -> String? {
        let output = try GitCLI.attempt([
            "-C", bare.path, "rev-parse", "--verify", "--quiet", "refs/heads/conveyor/state",
        ])
        return output.succeeded ? output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// Waits (at most 30 s) until `file` exists.
    static func waitForFile(_ file: URL) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: file.path) {
            guard ContinuousClock.now < deadline else { throw FixtureTimeout(what: file.lastPathComponent) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// A fixture wait that ran out of time.
struct FixtureTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}
