/// Progress lines for steps that take minutes (the agent's run, a clone, the CI wait): without them a job log shows
/// nothing between the step's start and its end, and a slow step looks like a hung one.
enum ProgressReporting {
    /// Runs `body`, and every ``RunLog/progressInterval`` while it runs writes a progress line for `step` to `log`
    /// (``RunLog/progress(step:elapsed:detail:)``), with what `detail` says at that moment (nil for none); nothing
    /// when `log` is nil. The reporting stops when `body` returns or throws.
    static func whileRunning<T: Sendable>(
        _ step: String, log: RunLog?, detail: (@Sendable () async -> String?)? = nil, _ body: () async throws -> T
    ) async throws -> T {
        guard let log else { return try await body() }
        let interval = log.progressInterval
        let start = ContinuousClock.now
        let reporter = Task {
            while true {
                do { try await Task.sleep(for: interval) } catch { return }
                let said = await detail?()
                await log.progress(step: step, elapsed: ContinuousClock.now - start, detail: said)
            }
        }
        defer { reporter.cancel() }
        return try await body()
    }
}
