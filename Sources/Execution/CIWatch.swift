import Forge
import Foundation
import Pipeline

/// Reads the CI of one commit — the pull request's current head — from the forge: GitHub's combined commit status
/// and check runs, Gitea's commit statuses. Only results for exactly that SHA count (a result for an older head
/// never reads as current), and Conveyor's own context is ignored.
///
/// `conveyor tick` uses ``read(_:)`` for items a dev run left `pending` (`dev.ci.mode: pending`, recorded as a
/// `ci.pending` flow event with the head); the dev stage uses ``wait(for:)``.
public struct CIWatch: Sendable {
    /// How a commit's CI stands.
    public enum State: String, Sendable, Equatable {
        /// Every check finished and passed.
        case green
        /// At least one check failed (others may still run).
        case red
        /// Some check has not finished.
        case pending
        /// No check at all reported on the commit.
        case none
    }

    /// One check of the commit, from either API.
    public struct Check: Sendable, Equatable {
        /// The status context or check run name.
        public var name: String
        /// `pending`, `success`, `failure`, … (a check run's conclusion, or its status before it completes).
        public var state: String
        /// The description or output summary.
        public var detail: String?
        /// Where its log is.
        public var url: String?
        /// True when it finished and passed; false when it failed; nil while it runs.
        public var passed: Bool?
    }

    /// What one read found.
    public struct Reading: Sendable, Equatable {
        /// The commit read.
        public var sha: String
        /// Its state.
        public var state: State
        /// Every check counted.
        public var checks: [Check]
        /// How long the wait took, in seconds (0 for a single read).
        public var waitedSeconds: Int = 0

        /// Creates a reading.
        public init(sha: String, state: State, checks: [Check], waitedSeconds: Int = 0) {
            self.sha = sha
            self.state = state
            self.checks = checks
            self.waitedSeconds = waitedSeconds
        }

        /// One sentence for the status comment.
        public var summary: String {
            let head = "`\(sha.prefix(12))`"
            switch state {
            case .green: return "green on \(head) (\(checks.count) check(s) passed)"
            case .none: return "no checks reported on \(head); the repository has no CI, so none was waited for"
            case .pending:
                let open = checks.filter { $0.passed == nil }.map { "`\($0.name)`" }.joined(separator: ", ")
                return "still pending after \(waitedSeconds) s on \(head) (\(open))"
            case .red:
                let failed = checks.filter { $0.passed == false }.map { "`\($0.name)` \($0.state)" }
                return "red on \(head): \(failed.joined(separator: ", "))"
            }
        }

        /// The progress line of a wait: the head and how many checks are pending, passed and failed, e.g.
        /// `head 0123456789ab: 1 pending, 2 passed, 0 failed`.
        public var progress: String {
            let pending = checks.filter { $0.passed == nil }.count
            let passed = checks.filter { $0.passed == true }.count
            let failed = checks.filter { $0.passed == false }.count
            return "head \(sha.prefix(12)): \(pending) pending, \(passed) passed, \(failed) failed"
        }

        /// The failed checks with what they said, for the agent's next attempt, trimmed to `budget` bytes.
        public func feedback(budget: Int) -> String {
            let lines = checks.filter { $0.passed == false }.map { check in
                "- \(check.name): \(check.state)" + (check.detail.map { " — \($0)" } ?? "")
                    + (check.url.map { " (\($0))" } ?? "")
            }
            let text = "CI failed on the pushed commit \(sha):\n" + lines.joined(separator: "\n")
            return text.utf8.count > budget ? String(decoding: Array(text.utf8).prefix(budget), as: UTF8.self) : text
        }
    }

    let forge: any ForgeClient
    let settings: CISettings
    /// Conveyor's own status context (e.g. `conveyor/dev`), never counted.
    let ownContext: String
    /// Sleeps between polls; tests and `tick` may shorten it.
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    /// Creates a watch.
    public init(forge: any ForgeClient, settings: CISettings, ownContext: String) {
        self.forge = forge
        self.settings = settings
        self.ownContext = ownContext
    }

    /// Reads the CI of `sha` once.
    public func read(_ sha: String) async throws(ForgeError) -> Reading {
        let ignored = Set(settings.ignore + [ownContext])
        var checks: [Check] = []
        let combined = try await forge.combinedStatus(ref: sha)
        // The combined status names the commit it is for; statuses of any other commit are not this head's.
        if combined.sha.isEmpty || combined.sha == sha {
            for status in combined.statuses where !ignored.contains(status.context) {
                let passed: Bool? =
                    switch status.state {
                    case .success, .skipped: true
                    case .failure, .error, .warning: false
                    case .pending: nil
                    }
                checks.append(
                    Check(
                        name: status.context, state: status.state.rawValue,
                        detail: status.description.isEmpty ? nil : status.description, url: status.targetURL,
                        passed: passed))
            }
        }
        for run in try await forge.checkRuns(ref: sha) where run.headSHA == sha && !ignored.contains(run.name) {
            let done = run.status == .completed
            checks.append(
                Check(
                    name: run.name, state: done ? (run.conclusion ?? "completed") : run.status.rawValue,
                    detail: run.summary, url: run.detailsURL, passed: done ? run.passed : nil))
        }
        let state: State =
            if checks.isEmpty { .none } else if checks.contains(where: { $0.passed == false }) {
                .red
            } else if checks.contains(where: { $0.passed == nil }) { .pending } else { .green }
        return Reading(sha: sha, state: state, checks: checks)
    }

    /// Polls the CI of `sha` until every check finished, one failed, or ``CISettings/timeoutSeconds`` passed;
    /// pauses start at ``CISettings/pollSeconds`` and double up to ``CISettings/maxPollSeconds``. A commit with no
    /// check at all after ``CISettings/noChecksSeconds`` reads as `none`. A forge error is retried within the same
    /// time limit and thrown only when the last read fails. Every reading goes to `observe` as it is made (the
    /// CI wait's progress lines show the latest).
    public func wait(
        for sha: String, observe: @Sendable (Reading) async -> Void = { _ in }
    ) async throws -> Reading {
        let clock = ContinuousClock()
        let start = clock.now
        var pause = Duration.seconds(max(settings.pollSeconds, 1))
        var last: Reading?
        while true {
            let waited = Int((clock.now - start).components.seconds)
            var reading: Reading?
            do {
                reading = try await read(sha)
            } catch {
                if waited >= settings.timeoutSeconds { throw error }
            }
            if var reading {
                reading.waitedSeconds = waited
                await observe(reading)
                switch reading.state {
                case .green, .red: return reading
                case .none where waited >= settings.noChecksSeconds: return reading
                case .none, .pending: last = reading
                }
            }
            if waited >= settings.timeoutSeconds {
                var final = last ?? Reading(sha: sha, state: .pending, checks: [])
                final.state = final.checks.isEmpty ? .none : .pending
                final.waitedSeconds = waited
                return final
            }
            let remaining = Duration.seconds(settings.timeoutSeconds) - (clock.now - start)
            try await sleep(min(pause, max(remaining, .milliseconds(100))))
            pause = min(pause * 2, .seconds(max(settings.maxPollSeconds, 1)))
        }
    }
}

/// The latest reading of a CI wait, for its progress lines (``CIWatch/Reading/progress``).
actor LatestCIReading {
    private let sha: String
    private var reading: CIWatch.Reading?

    init(sha: String) {
        self.sha = sha
    }

    func update(_ reading: CIWatch.Reading) {
        self.reading = reading
    }

    /// The latest reading's progress line, or the head alone before the first read.
    var progress: String {
        reading?.progress ?? "head \(sha.prefix(12)): no check read yet"
    }
}
