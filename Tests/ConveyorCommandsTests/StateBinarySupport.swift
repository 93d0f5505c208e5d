import ConveyorTestSupport
import Foundation

/// A loopback git server with an empty bare repository `state.git`, and the environment that points the built
/// `conveyor` at it as an Actions job would be: token in `CONVEYOR_TOKEN`, pending files in `RUNNER_TEMP`.
struct StateServer {
    let scratch: TemporaryDirectory
    let server: GitHTTPServer
    let token: String

    /// Runs `body` with a fresh server and removes everything afterwards.
    static func with<Result>(_ body: (StateServer) async throws -> Result) async throws -> Result {
        try await GitHTTPServer.withScratch(prefix: "state-binary") { server, scratch, token in
            try FileManager.default.createDirectory(
                at: scratch.appending("runner-temp"), withIntermediateDirectories: true)
            try server.createBareRepository("state")
            return try await body(StateServer(scratch: scratch, server: server, token: token))
        }
    }

    /// The bare repository, for the git CLI.
    var bare: URL { server.directory(for: "state") }

    /// Where pending-state files land.
    var runnerTemp: URL { scratch.appending("runner-temp") }

    /// The job environment: this server's remote and token, and every Actions variable that could leak in from
    /// the machine running the tests blanked (an empty value counts as unset).
    func environment(_ extra: [String: String] = [:]) throws -> [String: String] {
        var variables = [
            "CONVEYOR_STATE_REMOTE": try server.url(for: "state").absoluteString, "CONVEYOR_TOKEN": token,
            "RUNNER_TEMP": runnerTemp.path,
        ]
        for name in [
            "GITHUB_ACTIONS", "GITEA_ACTIONS", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT", "GITHUB_REPOSITORY",
            "GITHUB_SERVER_URL", "GITHUB_TOKEN", "GITEA_TOKEN", "INPUT_TOKEN", "CONVEYOR_STATE_CACHE",
        ] {
            variables[name] = ""
        }
        return variables.merging(extra) { _, new in new }
    }

    /// Runs `conveyor ARGUMENTS` and waits for it on a thread of its own: the server answering it runs on the
    /// cooperative pool, which a blocking wait there could starve.
    func conveyor(_ arguments: [String], _ extra: [String: String] = [:]) async throws -> ProcessOutput {
        let command = [try BuiltBinary.url().path] + arguments
        let environment = try environment(extra)
        return try await onOwnThread { try ProcessRunner.run(command, environment: environment) }
    }

    /// Runs every invocation at the same time, each in its own process (and its own temporary cache), and
    /// returns their outputs in order.
    func conveyorConcurrently(_ invocations: [[String]]) async throws -> [ProcessOutput] {
        let binary = try BuiltBinary.url().path
        let environment = try environment()
        return try await withThrowingTaskGroup(of: (Int, ProcessOutput).self) { group in
            for (index, arguments) in invocations.enumerated() {
                group.addTask {
                    let output = try await onOwnThread {
                        try ProcessRunner.run([binary] + arguments, environment: environment)
                    }
                    return (index, output)
                }
            }
            var outputs: [Int: ProcessOutput] = [:]
            for try await (index, output) in group { outputs[index] = output }
            return invocations.indices.compactMap { outputs[$0] }
        }
    }

    /// The branch's commits as `id parent…` lines, newest first (git CLI).
    func history() throws -> [[String]] {
        try GitCLI.run(["-C", bare.path, "rev-list", "--parents", "conveyor/state"])
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    }

    /// The branch tip according to the git CLI, or nil when the branch does not exist.
    func tip() throws -> String? {
        let output = try GitCLI.attempt([
            "-C", bare.path, "rev-parse", "--verify", "--quiet", "refs/heads/conveyor/state",
        ])
        return output.succeeded ? output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// The JSON a `conveyor … --format json` invocation printed.
    static func json(_ output: ProcessOutput) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }
}
