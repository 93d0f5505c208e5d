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
    private let settings: Settings
    private var actions: ActionsEnvironment { settings.actions }

    /// Resolves the location from `options`, then the environment, then the built-in defaults.
    ///
    /// - Parameters:
    ///   - branch: the branch when `--state-branch` is absent (`replay` passes the pending file's).
    ///   - file: the database file when `--state-file` is absent.
    ///   - fallbackRemote: used when neither the flag, `CONVEYOR_STATE_REMOTE` nor the Actions variables
    ///   name a remote (`replay` passes the remote recorded in the pending file).
    ///   - variables: the environment to read ``Settings`` from; nil reads this process's.
    init(
        _ options: StateLocationOptions, branch: String? = nil, file: String? = nil, fallbackRemote: String? = nil,
        variables: [String: String]? = nil
    ) throws {
        settings = try variables.map { vars throws(SettingsError) in try Settings(vars) } ?? Settings.current()
        let remote = try Self.remote(options.remote ?? settings.stateRemote, settings.actions, fallbackRemote)
        let cache = options.cache.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? settings.stateCache
        temporaryCache = cache == nil
        let cacheDirectory =
            cache
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "conveyor-state-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))",
                isDirectory: true)
        location = StateLocation(
            remote: remote, branch: options.branch ?? branch ?? StateSettings().branch,
            file: options.file ?? file ?? StateSettings().file,
            credentials: settings.actions.token.map { .token($0.reveal()) } ?? .none, cacheDirectory: cacheDirectory)
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
    /// named after the Actions run; the retry deadline from `CONVEYOR_STATE_DEADLINE_MINUTES` (ten minutes when
    /// unset, see ``Settings/stateDeadlineMinutes``).
    func writeOptions(runID: String) -> StateWriteOptions {
        let pendingDirectory =
            settings.runnerTemp ?? (temporaryCache ? FileManager.default.temporaryDirectory : location.cacheDirectory)
        return StateWriteOptions(
            deadline: settings.stateDeadlineMinutes.map { .seconds($0 * 60) } ?? StateWriteOptions.defaultDeadline,
            pendingDirectory: pendingDirectory, pendingLabel: actionsRun ?? runID)
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

    /// Who this job is when it claims a lease: the Actions run (every attempt of it, so a re-run after a crash
    /// takes its own earlier attempt's lease over at once), else this host and process.
    var defaultHolder: String {
        if let runID = actions.runID { return "actions-\(runID)" }
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
}
