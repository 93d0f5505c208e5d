import Actions
import Forge
import Foundation
import StateBranch

/// A ``Forge/ForgeClient`` for `tick --dry-run`: reads go to the real forge, writes are answered with made-up
/// results and listed in ``writes`` instead of being sent, so a dry run decides exactly as a real one and changes
/// nothing.
public final class DryRunForge: ForgeClient, @unchecked Sendable {
    private let base: any ForgeClient
    private let lock = NSLock()
    private var recorded: [String] = []
    private var nextID = -1
    /// What this dry run "created" or edited, so reads of it answer as the forge would have.
    private var madeIssues: [Int: Issue] = [:]
    private var madeComments: [Int: [IssueComment]] = [:]

    /// Wraps `base`.
    public init(_ base: any ForgeClient) {
        self.base = base
    }

    /// What a real run would have written, in order.
    public var writes: [String] { lock.withLock { recorded } }

    public var kind: ForgeKind { base.kind }
    public var repository: RepositorySlug { base.repository }

    private func note(_ text: String) -> Int {
        lock.withLock {
            recorded.append(text)
            nextID -= 1
            return nextID
        }
    }

    private func refuse(_ operation: String) -> ForgeError {
        ForgeError(
            code: .invalidRequest, operation: operation, forge: kind, repository: repository,
            detail: "A dry run of tick does not \(operation).")
    }

    private var me: Account { Account(login: "conveyor (dry run)", kind: .bot) }

    // MARK: - Reads

    public func repositoryInfo() async throws(ForgeError) -> RepositoryInfo { try await base.repositoryInfo() }
    public func issue(_ number: Int) async throws(ForgeError) -> Issue {
        if let made = lock.withLock({ madeIssues[number] }) { return made }
        return try await base.issue(number)
    }
    public func comments(onIssue number: Int) async throws(ForgeError) -> [IssueComment] {
        let made = lock.withLock { madeComments[number] ?? [] }
        return (number < 0 ? [] : try await base.comments(onIssue: number)) + made
    }
    public func labels(onIssue number: Int) async throws(ForgeError) -> [Label] {
        number < 0 ? [] : try await base.labels(onIssue: number)
    }
    public func pullRequests(head: String?, state: PullRequestStateFilter) async throws(ForgeError) -> [PullRequest] {
        try await base.pullRequests(head: head, state: state)
    }
    public func pullRequest(_ number: Int) async throws(ForgeError) -> PullRequest {
        try await base.pullRequest(number)
    }
    public func combinedStatus(ref: String) async throws(ForgeError) -> CombinedStatus {
        try await base.combinedStatus(ref: ref)
    }
    public func currentUser() async throws(ForgeError) -> Account? { try await base.currentUser() }
    public func permission(of login: String) async throws(ForgeError) -> PermissionLevel {
        try await base.permission(of: login)
    }
    public func openIssues(labels: [String]) async throws(ForgeError) -> [Issue] {
        try await base.openIssues(labels: labels)
    }
    public func milestones() async throws(ForgeError) -> [Milestone] { try await base.milestones() }
    public func tags() async throws(ForgeError) -> [RepositoryTag] { try await base.tags() }

    // MARK: - Writes, recorded

    public func createComment(onIssue number: Int, body: String) async throws(ForgeError) -> IssueComment {
        let id = note("comment on #\(number): \(body.split(separator: "\n").dropFirst().first ?? "")")
        let comment = IssueComment(id: id, body: body, author: me)
        lock.withLock { madeComments[number, default: []].append(comment) }
        return comment
    }

    public func updateComment(id: Int, body: String) async throws(ForgeError) -> IssueComment {
        _ = note("edit comment \(id)")
        return IssueComment(id: id, body: body, author: me)
    }

    public func addLabels(_ names: [String], toIssue number: Int) async throws(ForgeError) -> [Label] {
        _ = note("label #\(number) \(names.joined(separator: ", "))")
        return try await labels(onIssue: number) + names.map { Label(id: 0, name: $0) }
    }

    public func removeLabel(_ name: String, fromIssue number: Int) async throws(ForgeError) {
        _ = note("remove the label \(name) from #\(number)")
    }

    public func createIssue(title: String, body: String) async throws(ForgeError) -> Issue {
        let id = note("open the issue \"\(title)\"")
        let issue = Issue(
            number: id, title: title, body: body, state: .open, labels: [], author: me, isPullRequest: false)
        lock.withLock { madeIssues[id] = issue }
        return issue
    }

    /// Answers with the issue as the edit would leave it, and remembers it so later reads see the edit.
    public func updateIssue(_ number: Int, _ update: IssueUpdate) async throws(ForgeError) -> Issue {
        let current = try await issue(number)
        let changes = [update.title.map { "title \"\($0)\"" }, update.body.map { _ in "body" }].compactMap { $0 }
        _ = note("edit #\(number): \(changes.joined(separator: ", "))")
        let edited = Issue(
            number: number, title: update.title ?? current.title, body: update.body ?? current.body,
            state: current.state, labels: current.labels, author: current.author,
            isPullRequest: current.isPullRequest)
        lock.withLock { madeIssues[number] = edited }
        return edited
    }

    public func createMilestone(title: String, description: String) async throws(ForgeError) -> Milestone {
        let id = note("create the milestone \(title) in \(repository)")
        return Milestone(number: id, title: title, description: description)
    }

    public func createPullRequest(_ pullRequest: NewPullRequest) async throws(ForgeError) -> PullRequest {
        throw refuse("open pull requests")
    }

    public func updatePullRequest(_ number: Int, _ update: PullRequestUpdate) async throws(ForgeError) -> PullRequest {
        throw refuse("change pull requests")
    }

    public func createStatus(_ status: NewCommitStatus, sha: String) async throws(ForgeError) -> CommitStatus {
        throw refuse("post commit statuses")
    }

    public func dispatchWorkflow(_ workflow: String, ref: String, inputs: [String: String]) async throws(ForgeError) {
        throw refuse("start workflows")
    }
}

/// The tick a command runs: read state, run the heartbeat, publish its changes in one state commit.
public enum TickJob {
    /// Fetches the state branch at `location`, runs `heartbeat` at `now`, and publishes the changes (unless
    /// `dryRun`, or nothing changed), then runs the heartbeat's starts (the workflow dispatches its changes record,
    /// the forge writes of CI judgements) and publishes what they confirm in a second commit.
    ///
    /// - Returns: the heartbeat's report; with `dryRun`, its lines end with what the writes would have been.
    public static func run(
        heartbeat: Heartbeat, at now: Date, selection: Heartbeat.Selection, location: StateLocation,
        options: StateWriteOptions, dryRun: Bool, dryRunForges: [DryRunForge] = []
    ) async throws -> Heartbeat.Report {
        var report = try await StateSnapshot.reading(location) { snapshot in
            try await heartbeat.tick(at: now, state: snapshot.database, selection: selection)
        }
        if dryRun {
            report.lines += dryRunForges.flatMap(\.writes).map { "would \($0)" }
            if !report.changes.isEmpty { report.lines.append("would record \(report.changes.count) state change(s)") }
            if !report.starts.isEmpty {
                report.lines.append(
                    "would then make \(report.starts.count) deferred forge write(s) (workflow dispatches; the labels, "
                        + "status comments and commit statuses of CI judgements)")
            }
            return report
        }
        guard !report.changes.isEmpty || !report.starts.isEmpty else { return report }
        let store = StateBranchStore(location: location, options: options)
        if !report.changes.isEmpty {
            _ = try await store.apply(report.changes, message: "state: tick at \(StateTimestamp.text(now))")
        }
        // What the starts made is confirmed in a second commit; a start that fails stops the rest, and what the
        // earlier ones made is still confirmed. The next tick redoes what is unconfirmed, where the forge differs.
        var made: [StateChange] = []
        do {
            for start in report.starts { made += try await start() }
        } catch {
            if !made.isEmpty {
                _ = try? await store.apply(
                    made, message: "state: tick at \(StateTimestamp.text(now)), forge writes made")
            }
            throw error
        }
        if !made.isEmpty {
            _ = try await store.apply(made, message: "state: tick at \(StateTimestamp.text(now)), forge writes made")
        }
        return report
    }
}
