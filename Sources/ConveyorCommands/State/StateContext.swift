import Actions
import Foundation
import Git
import Pipeline
import StateBranch

/// Everything a `state` subcommand needs from its flags and the environment: the location, the identity of this
/// job, and the options of writes.
struct StateContext {
    /// Where the state lives.
    let location: StateLocation
    /// True when the cache is a temporary directory of this process, removed by ``cleanUp()``.
    let temporaryCache: Bool
    private let variables: [String: String]
    private let actions: ActionsEnvironment

    /// Resolves the location from `options`, then the environment, then the built-in defaults.
    ///
    /// - Parameters:
    ///   - branch: the branch when `--state-branch` is absent (`replay` passes the pending file's).
    ///   - file: the database file when `--state-file` is absent.
    ///   - fallbackRemote: used when neither the flag, `CONVEYOR_STATE_REMOTE` nor the Actions variables
    ///   name a remote (`replay` passes the remote recorded in the pending file).
    init(
        _ options: StateLocationOptions, branch: String? = nil, file: String? = nil, fallbackRemote: String? = nil,
        variables: [String: String] = ProcessEnvironment.variables
    ) throws {
        self.variables = variables
        actions = ActionsEnvironment(variables)
        let remote = try Self.remote(
            options.remote ?? Self.nonEmpty(variables["CONVEYOR_STATE_REMOTE"]), actions, fallbackRemote)
        let cache = options.cache ?? Self.nonEmpty(variables["CONVEYOR_STATE_CACHE"])
        temporaryCache = cache == nil
        let cacheDirectory =
            cache.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "conveyor-state-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))",
                isDirectory: true)
        location = StateLocation(
            remote: remote, branch: options.branch ?? branch ?? StateSettings().branch,
            file: options.file ?? file ?? StateSettings().file,
            credentials: actions.token.map { .token($0.reveal()) } ?? .none, cacheDirectory: cacheDirectory)
    }

    /// Runs `body` with a context and removes a temporary cache afterwards, whatever happens.
    static func with<T>(
        _ options: StateLocationOptions, branch: String? = nil, file: String? = nil, fallbackRemote: String? = nil,
        _ body: (StateContext) async throws -> T
    ) async throws -> T {
        let context = try StateContext(options, branch: branch, file: file, fallbackRemote: fallbackRemote)
        defer { context.cleanUp() }
        return try await body(context)
    }

    /// Removes the cache directory when it is this process's temporary one.
    func cleanUp() {
        guard temporaryCache else { return }
        try? FileManager.default.removeItem(at: location.cacheDirectory)
    }

    /// The options of writes: pending files in `RUNNER_TEMP` (else the cache, else the temporary directory),
    /// named after the Actions run, and the test pause hook when `CONVEYOR_TEST_PAUSE_BEFORE_PUSH` is set.
    func writeOptions(runID: String) -> StateWriteOptions {
        let pendingDirectory =
            Self.nonEmpty(variables["RUNNER_TEMP"]).map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? (temporaryCache ? FileManager.default.temporaryDirectory : location.cacheDirectory)
        return StateWriteOptions(
            pendingDirectory: pendingDirectory, pendingLabel: actionsRun ?? runID,
            pauseBeforePush: Self.nonEmpty(variables["CONVEYOR_TEST_PAUSE_BEFORE_PUSH"]).map {
                URL(fileURLWithPath: $0)
            })
    }

    /// The repository work items belong to: the flag, else `GITHUB_REPOSITORY`, else the remote's path.
    func repository(_ flag: String?) -> String {
        if let flag { return flag }
        if let slug = try? actions.repository { return "\(slug)" }
        var path = location.remote.path
        if path.hasPrefix("/") { path.removeFirst() }
        if path.hasSuffix(".git") { path.removeLast(4) }
        return path
    }

    /// Who this job is when it claims a lease: the Actions run and attempt, else this host and process.
    var defaultHolder: String {
        if let actionsRun { return "actions-\(actionsRun)" }
        return "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// A run ID for a new run of `stage` on item `number`: derived from the Actions run, so a retried step
    /// reuses it (and its writes stay idempotent); a random one outside Actions.
    func defaultRunID(stage: String, number: Int) -> String {
        guard let actionsRun else { return UUID().uuidString.lowercased() }
        return "\(actionsRun)-\(stage)-\(number)"
    }

    /// `RUNID-ATTEMPT` of the Actions run, or nil outside Actions.
    var actionsRun: String? {
        actions.runID.map { "\($0)-\(actions.runAttempt ?? 1)" }
    }

    private static func remote(_ given: String?, _ actions: ActionsEnvironment, _ fallback: String?) throws -> URL {
        if let given {
            guard let url = URL(string: given), url.scheme != nil else { throw StateCommandError.badRemote(given) }
            return url
        }
        if let serverURL = try? actions.serverURL, let slug = try? actions.repository {
            return serverURL.appendingPathComponent("\(slug).git")
        }
        if let fallback, let url = URL(string: fallback) { return url }
        throw StateCommandError.noRemote
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
